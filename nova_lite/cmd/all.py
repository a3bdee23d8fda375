"""nova-lite-all: the four services on one machine for a laptop demo.

Each service still runs as its own process, as in a real deployment; this
command starts them with the same arguments and stops them together.
"""

import os
import signal
import subprocess
import sys
import time

SERVICES = ('conductor', 'scheduler', 'compute', 'api')


def main():
    bindir = os.path.dirname(os.path.abspath(sys.argv[0]))
    procs = [subprocess.Popen([os.path.join(bindir, 'nova-lite-%s' % name)]
                              + sys.argv[1:])
             for name in SERVICES]
    stopping = []

    def stop(signum, frame):
        stopping.append(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while not stopping and all(p.poll() is None for p in procs):
        time.sleep(0.5)
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    for proc in procs:
        proc.wait()
    return 0 if stopping else 1
