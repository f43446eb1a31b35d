//! Reading a webhook's body up to the limit, keeping what was read when the
//! reading fails: a refused body is still a dead letter.

use std::future::Future;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use bytes::{Buf, Bytes, BytesMut};
use http_body::Body;
use pin_project_lite::pin_project;

use crate::rejection::Rejection;

/// A body that could not be read whole: why, and the bytes that were.
#[derive(Debug)]
pub(crate) struct ReadFailure {
    pub(crate) rejection: Rejection,
    pub(crate) bytes: Bytes,
}

pin_project! {
    /// Reads a body's data frames up to `limit` bytes (trailers are ignored).
    /// A body of one frame is kept as it came, without a copy.
    pub(crate) struct Reader<B> {
        #[pin]
        body: B,
        first: Option<Bytes>,
        rest: Option<BytesMut>,
        len: usize,
        limit: usize,
        // Refused before reading: the body is never polled.
        refused: bool,
    }
}

impl<B> Reader<B> {
    pub(crate) fn new(body: B, limit: usize) -> Self {
        Self {
            body,
            first: None,
            rest: None,
            len: 0,
            limit,
            refused: false,
        }
    }

    /// A reader that reads nothing: the body was refused by its declared size.
    pub(crate) fn refused(body: B, limit: usize) -> Self {
        Self {
            refused: true,
            ..Self::new(body, limit)
        }
    }

    /// The bytes read so far, taken out.
    pub(crate) fn take(self: Pin<&mut Self>) -> Bytes {
        let this = self.project();
        match this.rest.take() {
            Some(rest) => rest.freeze(),
            None => this.first.take().unwrap_or_default(),
        }
    }
}

fn keep(first: &mut Option<Bytes>, rest: &mut Option<BytesMut>, data: Bytes) {
    if let Some(rest) = rest {
        rest.extend_from_slice(&data);
        return;
    }
    match first.take() {
        None => *first = Some(data),
        Some(kept) => {
            let mut joined = BytesMut::with_capacity(kept.len() + data.len());
            joined.extend_from_slice(&kept);
            joined.extend_from_slice(&data);
            *rest = Some(joined);
        }
    }
}

impl<B> Future for Reader<B>
where
    B: Body,
{
    type Output = Result<Bytes, ReadFailure>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut this = self.as_mut().project();
        if *this.refused {
            return Poll::Ready(Err(ReadFailure {
                rejection: Rejection::BodyTooLarge { limit: *this.limit },
                bytes: Bytes::new(),
            }));
        }
        loop {
            let rejection = match ready!(this.body.as_mut().poll_frame(cx)) {
                None => break,
                Some(Ok(frame)) => {
                    let Ok(mut data) = frame.into_data() else {
                        continue;
                    };
                    let size = data.remaining();
                    let room = *this.limit - *this.len;
                    if size <= room {
                        *this.len += size;
                        keep(this.first, this.rest, data.copy_to_bytes(size));
                        continue;
                    }
                    // Past the limit: the bytes up to it are kept, and
                    // nothing more is read.
                    keep(this.first, this.rest, data.copy_to_bytes(room));
                    Rejection::BodyTooLarge { limit: *this.limit }
                }
                Some(Err(_)) => Rejection::BodyUnreadable,
            };
            let bytes = self.as_mut().take();
            return Poll::Ready(Err(ReadFailure { rejection, bytes }));
        }
        Poll::Ready(Ok(self.take()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::VecDeque;

    use http_body::Frame;

    /// Frames, then an error where `None` stands.
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

    fn read(frames: &[Option<&'static [u8]>], limit: usize) -> Result<Bytes, ReadFailure> {
        let reader = Reader::new(Frames(frames.iter().copied().collect()), limit);
        let waker = std::task::Waker::noop();
        match std::pin::pin!(reader).poll(&mut Context::from_waker(waker)) {
            Poll::Ready(read) => read,
            Poll::Pending => unreachable!(),
        }
    }

    #[test]
    fn reads_whole_bodies_and_keeps_what_was_read() {
        assert_eq!(read(&[], 4).unwrap(), "");
        assert_eq!(read(&[Some(b"abcd")], 4).unwrap(), "abcd");
        assert_eq!(
            read(&[Some(b"ab"), Some(b""), Some(b"cd")], 4).unwrap(),
            "abcd"
        );
        let over = read(&[Some(b"abc"), Some(b"def")], 4).unwrap_err();
        assert_eq!(over.rejection, Rejection::BodyTooLarge { limit: 4 });
        assert_eq!(over.bytes, "abcd");
        let broken = read(&[Some(b"ab"), Some(b"c"), None], 4).unwrap_err();
        assert_eq!(broken.rejection, Rejection::BodyUnreadable);
        assert_eq!(broken.bytes, "abc");
    }

    #[test]
    fn a_refused_reader_reads_nothing() {
        let mut frames = Frames([Some(&b"abc"[..])].into_iter().collect());
        let reader = Reader::refused(&mut frames, 4);
        let waker = std::task::Waker::noop();
        let failure = match std::pin::pin!(reader).poll(&mut Context::from_waker(waker)) {
            Poll::Ready(read) => read.unwrap_err(),
            Poll::Pending => unreachable!(),
        };
        assert_eq!(failure.rejection, Rejection::BodyTooLarge { limit: 4 });
        assert_eq!(failure.bytes, "");
        assert_eq!(frames.0.len(), 1, "the body was polled");
    }
}
