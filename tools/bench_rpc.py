#!/usr/bin/env python3
"""RPC benchmark of nova-lite: prints figures, asserts nothing.
What one oslo.messaging call costs on this machine; see
tools/README-benchmarks.rst.

A green RPC server (eventlet, as the services run) answers an empty
``ping`` on the local RabbitMQ, in a virtual host of its own. This process
calls it as a nova-lite service calls another (green, with a
RequestContext and the services' serializer), first one call at a time,
then ``--concurrency`` at once. It prints the calls' latency and the CPU
that each call costs the caller, the server and the broker together: the
least that any message of a boot costs, before it does any work.
"""

import argparse
import logging
import os
import subprocess
import sys
import time
import uuid
import warnings

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

warnings.filterwarnings('ignore', message=r'(?s).*Eventlet is deprecated')

import eventlet  # noqa: E402
eventlet.monkey_patch()

import oslo_messaging as messaging  # noqa: E402

from nova_lite import conf as nova_conf  # noqa: E402
from nova_lite import context as nova_context  # noqa: E402
from nova_lite import objects  # noqa: E402
from nova_lite import rpc  # noqa: E402

TOPIC = 'bench_rpc'
READY = 'ready'


class PingEndpoint(object):
    target = messaging.Target(version='1.0')

    def ping(self, context, payload):
        return payload


def rabbitmqctl(*args, check=True):
    return subprocess.run(('rabbitmqctl',) + args, check=check,
                          capture_output=True, text=True)


def init_rpc(url):
    # The concurrent calls wait on many reply queues on purpose, and the
    # broker's last frames arrive while the channel closes: not news.
    logging.getLogger('oslo_messaging._drivers.amqpdriver').setLevel(
        logging.ERROR)
    logging.getLogger('amqp').setLevel(logging.ERROR)
    conf = nova_conf.CONF
    conf([], project='nova-lite', default_config_files=[])
    # The transport_url option exists once oslo.messaging registered it.
    messaging.get_rpc_transport(conf, url=url).cleanup()
    conf.set_override('transport_url', url)
    objects.register_all()
    rpc.init(conf)


def serve(url):
    """The server side, in a process of its own: answers until stdin
    closes."""
    init_rpc(url)
    server = rpc.get_server(messaging.Target(topic=TOPIC, server='bench'),
                            [PingEndpoint()])
    server.start()
    print(READY, flush=True)
    eventlet.tpool.execute(sys.stdin.read)
    server.stop()
    server.wait()
    rpc.cleanup()


def cpu_seconds(pids):
    """{name: user + system CPU seconds so far} of processes by pid."""
    ticks = os.sysconf('SC_CLK_TCK')
    result = {}
    for name, pid in pids.items():
        with open('/proc/%d/stat' % pid) as f:
            fields = f.read().rsplit(')', 1)[1].split()
        result[name] = (int(fields[11]) + int(fields[12])) / ticks
    return result


def measure(client, ctxt, calls, concurrency, pids):
    """(sorted latencies in s, wall seconds, {process: CPU ms per call})."""
    latencies = []

    def one(_):
        start = time.monotonic()
        client.call(ctxt, 'ping', payload={})
        latencies.append(time.monotonic() - start)

    pool = eventlet.GreenPool(concurrency)
    before = cpu_seconds(pids)
    start = time.monotonic()
    for _ in pool.imap(one, range(calls)):
        pass
    wall = time.monotonic() - start
    after = cpu_seconds(pids)
    cpu = {name: (after[name] - before[name]) * 1000.0 / calls
           for name in pids}
    return sorted(latencies), wall, cpu


def at(values, q):
    return values[max(0, int(round(q * len(values))) - 1)] * 1000.0


def broker_pid():
    found = subprocess.run(('pgrep', '-x', 'beam.smp'), capture_output=True,
                           text=True).stdout.split()
    if not found:
        sys.exit('RabbitMQ (beam.smp) is not running')
    return int(found[0])


def run(args):
    vhost = 'nova_lite_bench_rpc_%s' % uuid.uuid4().hex[:8]
    url = 'rabbit://guest:guest@127.0.0.1:5672/%s' % vhost
    rabbitmqctl('add_vhost', vhost)
    server = None
    try:
        rabbitmqctl('set_permissions', '-p', vhost, 'guest', '.*', '.*',
                    '.*')
        server = subprocess.Popen(
            [sys.executable, os.path.abspath(__file__), '--serve', url],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        if server.stdout.readline().strip() != READY:
            sys.exit('the RPC server did not start')
        init_rpc(url)
        client = rpc.get_client(messaging.Target(topic=TOPIC, server='bench',
                                                 version='1.0'))
        ctxt = nova_context.RequestContext(user_id='bench',
                                           project_id='bench')
        pids = {'caller': os.getpid(), 'server': server.pid,
                'rabbitmq': broker_pid()}
        measure(client, ctxt, 50, 1, pids)     # queues, connections, caches
        print('%-28s %6s %8s %8s %9s   %s' % (
            '', 'n', 'p50 ms', 'p99 ms', 'calls/s',
            'CPU ms per call: caller, server, RabbitMQ = total'))
        for concurrency in (1, args.concurrency):
            latencies, wall, cpu = measure(client, ctxt, args.calls,
                                           concurrency, pids)
            print('%-28s %6d %8.2f %8.2f %9.0f   %.2f, %.2f, %.2f = %.2f'
                  % ('empty call, concurrency %d' % concurrency,
                     len(latencies), at(latencies, .5), at(latencies, .99),
                     len(latencies) / wall, cpu['caller'], cpu['server'],
                     cpu['rabbitmq'], sum(cpu.values())), flush=True)
        total = sum(cpu.values())
        messages = args.calls_per_boot + args.casts_per_boot / 2.0
        print('\nA boot makes %d calls and %d casts (a cast costs at most '
              'a call); at %.2f ms a call, RPC alone costs %.0f ms of CPU '
              'per boot, so %d cores allow at most %.0f boots a second '
              'before any other work.' % (
                  args.calls_per_boot, args.casts_per_boot, total,
                  total * messages, os.cpu_count(),
                  os.cpu_count() * 1000.0 / (total * messages)))
        rpc.cleanup()
    finally:
        if server is not None:
            server.stdin.close()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        rabbitmqctl('delete_vhost', vhost, check=False)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--calls', type=int, default=2000,
                   help='calls per concurrency')
    p.add_argument('--concurrency', type=int, default=20)
    p.add_argument('--calls-per-boot', type=int, default=9,
                   help='RPC calls of one boot (select_destinations and '
                        'the compute\'s calls to the conductor)')
    p.add_argument('--casts-per-boot', type=int, default=2,
                   help='RPC casts of one boot (API to conductor, '
                        'conductor to compute)')
    p.add_argument('--serve', metavar='URL', help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.serve:
        serve(args.serve)
        return 0
    run(args)
    return 0


if __name__ == '__main__':
    sys.exit(main())
