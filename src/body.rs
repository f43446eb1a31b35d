//! The body types the middleware hands on and answers with.

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use pin_project_lite::pin_project;

pin_project! {
    /// The request body the inner service receives.
    ///
    /// For a request the middleware does not own, it is the original body,
    /// untouched. For a webhook in forward mode, it is the bytes the middleware
    /// already read, so the inner service can still see the raw JSON.
    pub struct RequestBody<B> {
        #[pin]
        inner: RequestBodyInner<B>,
    }
}

pin_project! {
    #[project = RequestBodyProj]
    enum RequestBodyInner<B> {
        Original { #[pin] body: B },
        Buffered { bytes: Option<Bytes> },
    }
}

impl<B> RequestBody<B> {
    /// Wraps a body the middleware passes through untouched.
    pub fn original(body: B) -> Self {
        Self {
            inner: RequestBodyInner::Original { body },
        }
    }

    /// A body made of bytes that were already read.
    pub fn buffered(bytes: Bytes) -> Self {
        Self {
            inner: RequestBodyInner::Buffered {
                bytes: (!bytes.is_empty()).then_some(bytes),
            },
        }
    }
}

impl<B: Default> Default for RequestBody<B> {
    /// An empty original body.
    fn default() -> Self {
        Self::original(B::default())
    }
}

impl<B> Body for RequestBody<B>
where
    B: Body<Data = Bytes>,
{
    type Data = Bytes;
    type Error = B::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, B::Error>>> {
        match self.project().inner.project() {
            RequestBodyProj::Original { body } => body.poll_frame(cx),
            RequestBodyProj::Buffered { bytes } => {
                Poll::Ready(bytes.take().map(Frame::data).map(Ok))
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        match &self.inner {
            RequestBodyInner::Original { body } => body.is_end_stream(),
            RequestBodyInner::Buffered { bytes } => bytes.is_none(),
        }
    }

    fn size_hint(&self) -> SizeHint {
        match &self.inner {
            RequestBodyInner::Original { body } => body.size_hint(),
            RequestBodyInner::Buffered { bytes } => exact(bytes),
        }
    }
}

impl<B> std::fmt::Debug for RequestBody<B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.inner {
            RequestBodyInner::Original { .. } => f.write_str("RequestBody::Original"),
            RequestBodyInner::Buffered { bytes } => f
                .debug_struct("RequestBody::Buffered")
                .field("len", &bytes.as_ref().map_or(0, Bytes::len))
                .finish(),
        }
    }
}

pin_project! {
    /// The response body of the middleware: the inner service's body for a
    /// request the middleware does not own, otherwise its JSON answer.
    pub struct ResponseBody<B> {
        #[pin]
        inner: ResponseBodyInner<B>,
    }
}

pin_project! {
    #[project = ResponseBodyProj]
    enum ResponseBodyInner<B> {
        Inner { #[pin] body: B },
        Answer { bytes: Option<Bytes> },
    }
}

impl<B> ResponseBody<B> {
    pub(crate) fn inner(body: B) -> Self {
        Self {
            inner: ResponseBodyInner::Inner { body },
        }
    }

    pub(crate) fn answer(bytes: Bytes) -> Self {
        Self {
            inner: ResponseBodyInner::Answer { bytes: Some(bytes) },
        }
    }
}

impl<B: Default> Default for ResponseBody<B> {
    /// An empty inner body, for middleware that builds its own responses
    /// around this one (such as `tower_http::timeout::Timeout`).
    fn default() -> Self {
        Self::inner(B::default())
    }
}

impl<B> Body for ResponseBody<B>
where
    B: Body<Data = Bytes>,
{
    type Data = Bytes;
    type Error = B::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, B::Error>>> {
        match self.project().inner.project() {
            ResponseBodyProj::Inner { body } => body.poll_frame(cx),
            ResponseBodyProj::Answer { bytes } => {
                Poll::Ready(bytes.take().map(Frame::data).map(Ok))
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        match &self.inner {
            ResponseBodyInner::Inner { body } => body.is_end_stream(),
            ResponseBodyInner::Answer { bytes } => bytes.is_none(),
        }
    }

    fn size_hint(&self) -> SizeHint {
        match &self.inner {
            ResponseBodyInner::Inner { body } => body.size_hint(),
            ResponseBodyInner::Answer { bytes } => exact(bytes),
        }
    }
}

impl<B> std::fmt::Debug for ResponseBody<B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.inner {
            ResponseBodyInner::Inner { .. } => f.write_str("ResponseBody::Inner"),
            ResponseBodyInner::Answer { .. } => f.write_str("ResponseBody::Answer"),
        }
    }
}

fn exact(bytes: &Option<Bytes>) -> SizeHint {
    SizeHint::with_exact(bytes.as_ref().map_or(0, |bytes| bytes.len() as u64))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::VecDeque;
    use std::future::poll_fn;

    /// A body that yields the given frames, or an error where `None` stands.
    struct Frames(VecDeque<Option<&'static [u8]>>);

    impl Body for Frames {
        type Data = Bytes;
        type Error = &'static str;

        fn poll_frame(
            mut self: Pin<&mut Self>,
            _: &mut Context<'_>,
        ) -> Poll<Option<Result<Frame<Bytes>, &'static str>>> {
            Poll::Ready(self.0.pop_front().map(|frame| {
                frame
                    .map(|bytes| Frame::data(Bytes::from_static(bytes)))
                    .ok_or("broken")
            }))
        }
    }

    #[test]
    fn body_types_forward_and_replay() {
        let body = RequestBody::<Frames>::buffered(Bytes::from_static(b"xyz"));
        assert_eq!(body.size_hint().exact(), Some(3));
        assert!(!body.is_end_stream());
        let mut body = std::pin::pin!(body);
        let data = futures_ready(poll_fn(|cx| body.as_mut().poll_frame(cx)));
        assert_eq!(data.unwrap().unwrap().into_data().unwrap(), "xyz");
        assert!(body.is_end_stream());
        assert!(RequestBody::<Frames>::buffered(Bytes::new()).is_end_stream());
    }

    fn futures_ready<F: std::future::Future>(future: F) -> F::Output {
        let waker = std::task::Waker::noop();
        let mut cx = Context::from_waker(waker);
        match std::pin::pin!(future).poll(&mut cx) {
            Poll::Ready(output) => output,
            Poll::Pending => unreachable!(),
        }
    }
}
