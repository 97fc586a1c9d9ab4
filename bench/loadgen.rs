//! A small HTTP load generator for bench/feedback.py, in Rust's standard library only.
//!
//! Why not Python: 20 client threads in one Python process queue for its interpreter lock,
//! and 20 client processes take a share of the two cores the server runs on; either way the
//! client's own time is counted as the server's latency. Here a request costs the client a
//! few microseconds.
//!
//! Usage: loadgen HOST:PORT CLIENTS ORIGIN < jobs
//! Each line of `jobs` is "client-address<TAB>urlencoded-body"; every line becomes one
//! `POST /feedback/` with `X-Forwarded-For: client-address`, on a connection of its own
//! (gunicorn's sync workers close every connection anyway). CLIENTS threads take lines in
//! order, each sending its next request the moment it has the previous answer.
//! Prints "wall<TAB>seconds", then "status<TAB>microseconds" for every line, in input order.

use std::io::{BufRead, Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

fn send(host: &str, origin: &str, address: &str, body: &str) -> (u16, u128) {
    let request = format!(
        "POST /feedback/ HTTP/1.1\r\nHost: {host}\r\nOrigin: {origin}\r\nX-Forwarded-For: {address}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let started = Instant::now();
    let mut stream = match TcpStream::connect(host) {
        Ok(stream) => stream,
        Err(_) => return (0, started.elapsed().as_micros()),
    };
    stream.set_nodelay(true).ok();
    let mut answer = Vec::new();
    if stream.write_all(request.as_bytes()).is_err() || stream.read_to_end(&mut answer).is_err() {
        return (0, started.elapsed().as_micros());
    }
    let elapsed = started.elapsed().as_micros();
    let status = answer
        .get(9..12)
        .and_then(|code| std::str::from_utf8(code).ok())
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    (status, elapsed)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 4 {
        eprintln!("usage: loadgen HOST:PORT CLIENTS ORIGIN < jobs");
        std::process::exit(2);
    }
    let host = Arc::new(args[1].clone());
    let clients: usize = args[2].parse().expect("CLIENTS must be a number");
    let origin = Arc::new(args[3].clone());
    let jobs: Vec<(String, String)> = std::io::stdin()
        .lock()
        .lines()
        .map(|line| {
            let line = line.expect("jobs must be UTF-8 lines");
            let (address, body) = line.split_once('\t').unwrap_or((line.as_str(), ""));
            (address.to_string(), body.to_string())
        })
        .collect();
    let jobs = Arc::new(jobs);
    let next = Arc::new(AtomicUsize::new(0));
    let results = Arc::new(Mutex::new(vec![(0u16, 0u128); jobs.len()]));
    let started = Instant::now();
    let threads: Vec<_> = (0..clients)
        .map(|_| {
            let (host, origin, jobs, next, results) =
                (host.clone(), origin.clone(), jobs.clone(), next.clone(), results.clone());
            std::thread::spawn(move || loop {
                let index = next.fetch_add(1, Ordering::SeqCst);
                if index >= jobs.len() {
                    break;
                }
                let (address, body) = &jobs[index];
                let result = send(&host, &origin, address, body);
                results.lock().unwrap()[index] = result;
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    let wall = started.elapsed().as_secs_f64();
    let mut out = std::io::stdout().lock();
    writeln!(out, "wall\t{wall}").unwrap();
    for (status, micros) in results.lock().unwrap().iter() {
        writeln!(out, "{status}\t{micros}").unwrap();
    }
}
