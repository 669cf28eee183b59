//! The sanitizer: one policy (ammonia's builder and the attribute filters), the fast path that
//! gives ammonia's result for raw HTML written the common way, the fixed point that settles
//! ammonia's output, and the report of what the policy removed.

pub(crate) mod fast_path;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod fast_path_differential;
pub(crate) mod policy;
pub(crate) mod removed;
pub(crate) mod settle;
