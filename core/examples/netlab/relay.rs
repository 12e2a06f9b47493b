//! The lab's meter: a TCP relay between the shaper (Toxiproxy) and the
//! program's server that counts every byte in each direction and every
//! connection.
//!
//! It sits after the shaper, so what it counts upward is what got through
//! the shaped link: TLS records, HTTP headers and bodies, retransmitted
//! requests, exactly what a participant's prepaid data plan pays for
//! (TCP/IP headers aside). Bytes a cut connection swallowed before the
//! cut never reach it; bytes the server sends are counted as it sends them.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Read buffer of each direction.
const CHUNK: usize = 16 * 1024;

/// What went through the relay since it started (or was zeroed).
#[derive(Debug, Default)]
pub struct Meter {
    up: AtomicU64,
    down: AtomicU64,
    connections: AtomicU64,
}

/// A reading of the [`Meter`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Reading {
    /// Bytes from the device to the server.
    pub up: u64,
    /// Bytes from the server to the device.
    pub down: u64,
    /// TCP connections opened.
    pub connections: u64,
}

impl Meter {
    pub fn read(&self) -> Reading {
        Reading {
            up: self.up.load(Ordering::Relaxed),
            down: self.down.load(Ordering::Relaxed),
            connections: self.connections.load(Ordering::Relaxed),
        }
    }

    /// Starts counting from zero (enrollment and set-up are not measured).
    pub fn zero(&self) {
        self.up.store(0, Ordering::Relaxed);
        self.down.store(0, Ordering::Relaxed);
        self.connections.store(0, Ordering::Relaxed);
    }
}

/// A running relay: connect to [`Relay::addr`] to reach `upstream`.
pub struct Relay {
    pub addr: SocketAddr,
    pub meter: Arc<Meter>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Relay {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Relay {
    /// Listens on a free loopback port and relays each connection to
    /// `upstream`.
    pub async fn start(upstream: SocketAddr) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let meter = Arc::new(Meter::default());
        let counting = meter.clone();
        let task = tokio::spawn(async move {
            while let Ok((inbound, _)) = listener.accept().await {
                counting.connections.fetch_add(1, Ordering::Relaxed);
                let meter = counting.clone();
                tokio::spawn(async move {
                    if let Ok(outbound) = TcpStream::connect(upstream).await {
                        relay(inbound, outbound, meter).await;
                    }
                });
            }
        });
        Ok(Self { addr, meter, task })
    }
}

/// Copies both ways until either side closes or fails, then closes both
/// (a reset on one side is a reset of the whole path, as on a real link).
async fn relay(inbound: TcpStream, outbound: TcpStream, meter: Arc<Meter>) {
    let _ = inbound.set_nodelay(true);
    let _ = outbound.set_nodelay(true);
    let (mut in_read, mut in_write) = inbound.into_split();
    let (mut out_read, mut out_write) = outbound.into_split();
    let up = async {
        let mut buf = vec![0u8; CHUNK];
        loop {
            match in_read.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if out_write.write_all(&buf[..n]).await.is_err() {
                        break;
                    }
                    meter.up.fetch_add(n as u64, Ordering::Relaxed);
                }
            }
        }
    };
    let down = async {
        let mut buf = vec![0u8; CHUNK];
        loop {
            match out_read.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    meter.down.fetch_add(n as u64, Ordering::Relaxed);
                    if in_write.write_all(&buf[..n]).await.is_err() {
                        break;
                    }
                }
            }
        }
    };
    // Whichever direction ends first ends the connection.
    tokio::select! {
        () = up => {}
        () = down => {}
    }
}
