"""Drives bench/upload.sh: times uploads against a running service and records its memory."""
import argparse
import datetime
import os
import re
import statistics
import threading
import time
import uuid

import requests

JPEG = ("camera-4000x3000.jpg", "image/jpeg", "4000x3000 JPEG")
PNG = ("rgba-2000x2000.png", "image/png", "2000x2000 RGBA PNG")


class MemorySampler(threading.Thread):
    """Polls the service's resident memory; the peak of each phase is the benchmark's figure."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = 0
        self.running = True

    def field(self, name):
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                if line.startswith(name + ":"):
                    return int(line.split()[1])
        return 0

    def run(self):
        while self.running:
            self.peak_kb = max(self.peak_kb, self.field("VmRSS"))
            time.sleep(0.005)

    def phase(self):
        self.peak_kb = self.field("VmRSS")


def multipart(path, content_type):
    """The request body, encoded once so the client spends no CPU on it per upload."""
    boundary = uuid.uuid4().hex
    with open(path, "rb") as f:
        data = f.read()
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{os.path.basename(path)}\"\r\n"
            f"Content-Type: {content_type}\r\n\r\n").encode()
    return head + data + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}", len(data)


def upload(session, url, body, content_type):
    started = time.perf_counter()
    response = session.post(url, data=body, headers={"Content-Type": content_type})
    elapsed = time.perf_counter() - started
    if response.status_code != 201:
        raise SystemExit(f"upload failed: {response.status_code} {response.text[:300]}")
    return elapsed


def run_clients(url, token, body, content_type, clients, total):
    """`clients` threads share `total` uploads; answers (wall seconds, per-upload latencies)."""
    latencies, lock = [], threading.Lock()
    counter = iter(range(total))

    def work():
        session = requests.Session()
        session.headers["Authorization"] = f"Token {token}"
        while True:
            with lock:
                if next(counter, None) is None:
                    return
            elapsed = upload(session, url, body, content_type)
            with lock:
                latencies.append(elapsed)

    threads = [threading.Thread(target=work) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - started, latencies


def main():
    parser = argparse.ArgumentParser()
    for name in ("url", "token", "pid", "images", "doc", "command", "arena-max"):
        parser.add_argument(f"--{name}", required=True)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=100)
    args = parser.parse_args()

    url = args.url + "/api/core/media"
    memory = MemorySampler(int(args.pid))
    memory.start()
    load_before = open("/proc/loadavg").read().split()[:3]
    rows = []
    for file_name, content_type, label in (JPEG, PNG):
        body, ctype, size = multipart(os.path.join(args.images, file_name), content_type)
        # Warm-up: libvips start-up, and the runtime recompiling hot code with what it profiled,
        # which takes CPU from the uploads over the first 50-100 (45-80 ms each, measured).
        run_clients(url, args.token, body, ctype, 1, args.warmup)
        for clients in (1, 2, 4):
            memory.phase()
            wall, latencies = run_clients(url, args.token, body, ctype, clients, args.runs)
            latencies.sort()
            row = {
                "image": f"{label} ({size / 1048576:.1f} MiB)",
                "clients": clients,
                "uploads": len(latencies),
                "median": statistics.median(latencies) * 1000,
                "p90": latencies[int(0.9 * (len(latencies) - 1))] * 1000,
                "throughput": len(latencies) / wall,
                "peak_rss": memory.peak_kb / 1024,
            }
            rows.append(row)
            print(f"{row['image']}, {clients} client(s): median {row['median']:.0f} ms, p90 {row['p90']:.0f} ms, "
                  f"{row['throughput']:.2f} uploads/s, peak RSS {row['peak_rss']:.0f} MB", flush=True)
    memory.running = False
    hwm = memory.field("VmHWM") / 1024
    load_after = open("/proc/loadavg").read().split()[:3]
    write_doc(args, rows, hwm, load_before, load_after)


def write_doc(args, rows, hwm, load_before, load_after):
    jpeg_median = next(r["median"] for r in rows if r["image"].startswith("4000x3000") and r["clients"] == 1)
    jpeg_4_peak = next(r["peak_rss"] for r in rows if r["image"].startswith("4000x3000") and r["clients"] == 4)
    lines = [
        "## Upload",
        "",
        f"Measured {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC with `{args.command}`: the Release build on "
        f"{os.cpu_count()} cores, `MALLOC_ARENA_MAX={args.arena_max}`, SQLite and local storage in a temporary folder, "
        "client (Python `requests`, body "
        f"encoded once) on the same machine. Each phase makes the given number of uploads after {args.warmup} warm-up "
        "uploads of the image, so that the figures are a running service's and not its first minute's; "
        "latency is the client's, request sent to 201 received; peak RSS is the service's resident memory sampled "
        "every 5 ms during the phase.",
        "",
        f"Load average (1, 5, 15 min) before: {' '.join(load_before)}; after: {' '.join(load_after)}. The machine is "
        "shared with other work, so the wall times carry that noise.",
        "",
        "| image | clients | uploads | median ms | p90 ms | uploads/s | peak RSS MB |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(f"| {r['image']} | {r['clients']} | {r['uploads']} | {r['median']:.0f} | {r['p90']:.0f} | "
                     f"{r['throughput']:.2f} | {r['peak_rss']:.0f} |")
    lines += [
        "",
        f"Peak RSS over the whole run (VmHWM): {hwm:.0f} MB.",
        "",
        "Targets: 4000x3000 JPEG upload under 150 ms median: "
        f"**{'met' if jpeg_median < 150 else 'missed'}** ({jpeg_median:.0f} ms). Peak service memory under 400 MB with "
        f"4 concurrent 12-megapixel uploads: **{'met' if jpeg_4_peak < 400 else 'missed'}** ({jpeg_4_peak:.0f} MB).",
        "",
    ]
    section = "\n".join(lines)
    text = open(args.doc).read() if os.path.exists(args.doc) else "# Benchmarks\n\n"
    pattern = re.compile(r"^## Upload\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(lambda _: section + "\n", text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
    os.makedirs(os.path.dirname(args.doc) or ".", exist_ok=True)
    with open(args.doc, "w") as f:
        f.write(text.rstrip("\n") + "\n")
    print(f"written to {args.doc}")


if __name__ == "__main__":
    main()
