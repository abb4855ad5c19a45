#!/usr/bin/env python3
"""The moto server (the machine's `moto` package) on loopback, for the suite's runs over real HTTP.

Usage: server.py PORT

Where moto and the AWS API reference disagree in a way that changes what the auditor reads, the reference wins:
each correction below is a small patch applied before the server starts, named for the API it fixes, with the
reference's behaviour in its docstring. The tests never encode moto's gaps.
"""
import sys

from moto.server import ThreadedMotoServer


def main() -> None:
    port = int(sys.argv[1])
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    print(f"ready on {port}", flush=True)
    try:
        sys.stdin.read()  # runs until the test process closes our stdin (or exits)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
