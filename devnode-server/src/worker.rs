//! The chain's own thread. The chain is single-writer, and the Stylus VM
//! nests a native frame per call level, so all execution happens on one
//! thread with a large stack; RPC handlers send it closures and await the
//! answers. A panic inside one request is caught and reported as an error
//! of that request; the thread and the chain stay up.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;

use tokio::sync::oneshot;

use crate::chain::Chain;
use crate::executor::Executor;

/// Stack of the chain thread. Virtual memory: only touched pages count.
/// Enough for Stylus nesting up to the 1024-frame depth limit.
pub const CHAIN_THREAD_STACK: usize = 512 * 1024 * 1024;

type Job<E> = Box<dyn FnOnce(&mut Chain<E>) + Send>;

/// A cloneable handle to the chain thread.
pub struct ChainHandle<E: Executor> {
    jobs: mpsc::Sender<Job<E>>,
}

impl<E: Executor> Clone for ChainHandle<E> {
    fn clone(&self) -> Self {
        Self {
            jobs: self.jobs.clone(),
        }
    }
}

/// The chain thread stopped (it only stops when every handle is dropped,
/// so this means a bug).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChainStopped;

impl std::fmt::Display for ChainStopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the chain thread has stopped")
    }
}

/// A request panicked inside the chain (a bug); the chain is still up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobPanicked(pub String);

impl<E: Executor> ChainHandle<E> {
    /// Moves `chain` onto a new thread with a large stack.
    ///
    /// # Panics
    /// The OS refuses to create the thread.
    pub fn spawn(chain: Chain<E>) -> Self {
        let (tx, rx) = mpsc::channel::<Job<E>>();
        std::thread::Builder::new()
            .name("devnode-chain".into())
            .stack_size(CHAIN_THREAD_STACK)
            .spawn(move || {
                let mut chain = chain;
                while let Ok(job) = rx.recv() {
                    job(&mut chain);
                }
            })
            .expect("cannot spawn the chain thread");
        Self { jobs: tx }
    }

    /// Runs `f` on the chain thread and returns its result.
    ///
    /// # Errors
    /// `f` panicked (the message is returned), or the thread is gone.
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Chain<E>) -> T + Send + 'static,
    ) -> Result<T, JobPanicked> {
        let (tx, rx) = oneshot::channel();
        self.submit(f, move |out| {
            let _ = tx.send(out);
        })?;
        rx.await
            .map_err(|_| JobPanicked(ChainStopped.to_string()))?
    }

    /// Blocking form of [`ChainHandle::run`] for non-async callers.
    ///
    /// # Errors
    /// As [`ChainHandle::run`].
    pub fn run_blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Chain<E>) -> T + Send + 'static,
    ) -> Result<T, JobPanicked> {
        let (tx, rx) = std::sync::mpsc::channel();
        self.submit(f, move |out| {
            let _ = tx.send(out);
        })?;
        rx.recv()
            .map_err(|_| JobPanicked(ChainStopped.to_string()))?
    }
}

impl<E: Executor> ChainHandle<E> {
    /// Queues `f` on the chain thread; `reply` gets its result or its
    /// panic. Shared by the async and blocking forms.
    fn submit<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Chain<E>) -> T + Send + 'static,
        reply: impl FnOnce(Result<T, JobPanicked>) + Send + 'static,
    ) -> Result<(), JobPanicked> {
        let job: Job<E> = Box::new(move |chain| {
            let out = catch_unwind(AssertUnwindSafe(|| f(chain)));
            reply(out.map_err(panic_message));
        });
        self.jobs
            .send(job)
            .map_err(|_| JobPanicked(ChainStopped.to_string()))
    }
}

fn panic_message(p: Box<dyn std::any::Any + Send>) -> JobPanicked {
    let msg = p
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    JobPanicked(msg)
}
