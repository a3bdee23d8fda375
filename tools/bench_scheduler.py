#!/usr/bin/env python3
"""Scheduler benchmark of nova-lite: prints figures, asserts nothing.
Many fake compute hosts in one process; see tools/README-benchmarks.rst.
"""

import argparse
import contextlib
import json
import logging
import math
import os
import re
import resource
import shutil
import signal
import sys
import tempfile
import time
import uuid
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bench_boot  # noqa: E402  (it puts the repository on sys.path)

# nova_lite's objects import eventlet, which this process does not use.
warnings.filterwarnings('ignore', message=r'(?s).*Eventlet is deprecated')

# m1.nano (1 vCPU, 128 MB, 1 GB): a fake host (8 vCPUs at the default
# cpu_allocation_ratio 16) holds 128, so ten hosts take a thousand.
FLAVOR_ID = '42'
SELECT_CONCURRENCY = (1, 20)
BOOT_CONCURRENCY = 20
# Broker sockets left for the controller services and other deployments.
BROKER_SPARE_SOCKETS = 50
# A provider is overcommitted when, for one of its resource classes, its
# allocations use more than its inventory offers (none: capacity 0).
OVERCOMMITTED_PROVIDERS = """
SELECT COUNT(DISTINCT used.resource_provider_id)
FROM (SELECT resource_provider_id, resource_class, SUM(used) AS used
      FROM {db}.allocations
      GROUP BY resource_provider_id, resource_class) AS used
LEFT JOIN {db}.inventories AS inv
  ON inv.resource_provider_id = used.resource_provider_id
  AND inv.resource_class = used.resource_class
WHERE used.used > COALESCE((inv.total - inv.reserved)
                           * inv.allocation_ratio, 0)
"""
# Instances on a node whose provider (named after the node, as Nova names
# a compute node's provider) holds no allocation of theirs.
UNALLOCATED_INSTANCES = """
SELECT COUNT(*) FROM {db}.instances AS inst
WHERE inst.deleted = 0 AND inst.host IS NOT NULL
AND NOT EXISTS (
  SELECT 1 FROM {db}.allocations AS alloc
  JOIN {db}.resource_providers AS rp ON rp.id = alloc.resource_provider_id
  WHERE alloc.consumer_id = inst.uuid AND rp.name = inst.node)
"""


class SchedulerBenchDeployment(bench_boot.BenchDeployment):
    """A deployment with no compute process of its own: the benchmark
    adds one nova-lite-fake-computes process of ``hosts`` hosts.

    The one conductor runs every heartbeat and resource update of every
    host, so their intervals grow with the host count (a thousand hosts
    send 20 heartbeats and run their periodic tasks twice a second): at
    Nova's defaults (10 s, 60 s) a thousand hosts keep the conductor
    busy, starting them takes minutes, and the scheduler's figures would
    measure the conductor's queue."""

    def __init__(self, hosts, **kwargs):
        self.hosts = hosts
        super().__init__(computes=(), **kwargs)

    def _common(self):
        sections = super()._common()
        report_interval = max(10, self.hosts // 20)
        sections['DEFAULT'].update({
            'report_interval': str(report_interval),
            'service_down_time': str(6 * report_interval),
            'periodic_interval': str(max(60, self.hosts // 2))})
        return sections

    def delete_all_servers(self, timeout=120):
        """Nothing to delete one by one: the fake guests end with their
        process and the rows with the database."""


def broker_free_sockets():
    """How many more connections the local RabbitMQ accepts (its socket
    limit is about 0.9 x its open files limit), None if it does not say."""
    out = bench_boot.sh('rabbitmqctl', '-q', 'eval',
                        'file_handle_cache:info([sockets_limit, '
                        'sockets_used]).', check=False).stdout
    found = dict(re.findall(r'(sockets_limit|sockets_used),(\d+)', out))
    if len(found) != 2:
        return None
    return int(found['sockets_limit']) - int(found['sockets_used'])


def broker_connections(pid):
    """TCP connections of process ``pid`` to RabbitMQ (port 5672)."""
    return bench_boot.sh('ss', '-Htnp', 'dport', '=', ':5672').stdout.count(
        'pid=%d,' % pid)


def rss_mb(pid):
    with open('/proc/%d/status' % pid) as f:
        for line in f:
            if line.startswith('VmRSS:'):
                return int(line.split()[1]) / 1024.0
    return float('nan')


def start_hosts(dep, hosts):
    """The fake computes process of ``hosts`` hosts: its figures."""
    seconds = dep.start_fake_computes(hosts, timeout=max(300, hosts))
    pid = dep.procs['fake-computes'].pid
    return {'start_s': seconds, 'rss_mb': rss_mb(pid),
            'connections': broker_connections(pid)}


@contextlib.contextmanager
def scheduler_api(dep):
    """A SchedulerAPI client of this process on the deployment's broker,
    closed at the end (before the deployment removes its vhost)."""
    from nova_lite import conf as nova_conf
    from nova_lite import objects
    from nova_lite import rpc
    from nova_lite.scheduler import rpcapi
    conf = nova_conf.CONF
    conf(['--config-file', dep.controller_conf()], project='nova-lite',
         default_config_files=[])
    # Its "Number of call queues" warning counts the calls in flight,
    # which the concurrent measurement makes on purpose.
    logging.getLogger('oslo_messaging._drivers.amqpdriver').setLevel(
        logging.ERROR)
    objects.register_all()
    rpc.init(conf)
    try:
        yield rpcapi.SchedulerAPI()
    finally:
        rpc.cleanup()


def request_spec_factory(dep):
    """consumer uuid -> a RequestSpec of one instance of FLAVOR_ID, as the
    API would make for a server of the deployment's image."""
    from nova_lite import objects
    columns = ('id', 'flavorid', 'name', 'memory_mb', 'vcpus', 'root_gb',
               'ephemeral_gb', 'swap', 'rxtx_factor')
    row = bench_boot.mysql('SELECT %s FROM %s.flavors WHERE flavorid = %%s'
                           % (', '.join(columns), dep.db_name), FLAVOR_ID)[0]
    flavor = objects.Flavor(is_public=True, disabled=False, extra_specs={},
                            **dict(zip(columns, row)))
    image = {'id': dep.image_id, 'name': 'nova-lite-test',
             'disk_format': 'qcow2', 'container_format': 'bare',
             'min_disk': 0, 'min_ram': 0, 'properties': {}}

    def request_spec(consumer):
        return objects.RequestSpec(
            instance_uuid=consumer, project_id='bench', user_id='bench',
            flavor=flavor, image=objects.ImageMeta.from_dict(image),
            num_instances=1, availability_zone=None, ignore_hosts=None,
            force_hosts=None, retry_hosts=[])
    return request_spec


def release_allocations(dep, consumers):
    """Delete the allocations of ``consumers`` as nova-lite's placement
    writers do: in one transaction that bumps the providers' change
    sequence first (which serialises the writers), then moves the
    generation and change sequence of their providers on, so that a
    scheduler caching providers reads them again."""
    import pymysql
    marks = ', '.join(['%s'] * len(consumers))
    with pymysql.connect(host='127.0.0.1', user='root',
                         database=dep.db_name) as conn:
        with conn.cursor() as cursor:
            cursor.execute("UPDATE change_sequences SET value = value + 1 "
                           "WHERE name = 'providers'")
            cursor.execute("SELECT value FROM change_sequences WHERE name = "
                           "'providers'")
            change_seq = cursor.fetchone()[0]
            cursor.execute('SELECT DISTINCT resource_provider_id FROM '
                           'allocations WHERE consumer_id IN (%s)' % marks,
                           consumers)
            providers = [row[0] for row in cursor.fetchall()]
            cursor.execute('DELETE FROM allocations WHERE consumer_id IN '
                           '(%s)' % marks, consumers)
            if providers:
                cursor.execute(
                    'UPDATE resource_providers SET generation = generation'
                    ' + 1, change_seq = %%s WHERE id IN (%s)'
                    % ', '.join(['%s'] * len(providers)),
                    [change_seq] + providers)
        conn.commit()


def measure_select(dep, client, calls, concurrency):
    """Seconds of each of ``calls`` select_destinations RPC calls, for a
    new consumer each, ``concurrency`` in flight; their allocations are
    released afterwards, also on failure."""
    from nova_lite import context as nova_context
    ctxt = nova_context.RequestContext(user_id='bench', project_id='bench',
                                       is_admin=True)
    request_spec = request_spec_factory(dep)
    consumers = [str(uuid.uuid4()) for _ in range(calls)]

    def select(consumer):
        start = time.monotonic()
        client.select_destinations(ctxt, request_spec(consumer), [consumer])
        return time.monotonic() - start
    try:
        return bench_boot.run_concurrently(select, consumers, concurrency)
    finally:
        release_allocations(dep, consumers)


def boot(dep, index, booted, watcher):
    """POST one server and wait until it is ACTIVE or ERROR."""
    api = dep.client()  # one per server: sessions are not thread-safe
    server_id, start, _ = bench_boot.post_server(api, dep, 's%d' % index,
                                                 booted)
    vm_state = watcher.wait(server_id, timeout=600)
    # The time each went ACTIVE is read from the database afterwards.
    return {'id': server_id, 'post': start,
            'status': 'ACTIVE' if vm_state == 'active' else 'ERROR'}


def measure_boots(dep, servers):
    """Boot ``servers`` servers, BOOT_CONCURRENCY in flight; the ACTIVE
    ones get bench_boot's timestamps ('active' and the stages)."""
    booted = set()
    watcher = bench_boot.StateWatcher(dep)
    try:
        runs = bench_boot.run_concurrently(
            lambda i: boot(dep, i, booted, watcher), range(servers),
            BOOT_CONCURRENCY)
    finally:
        watcher.close()
    active = [r for r in runs if r['status'] == 'ACTIVE']
    bench_boot.add_db_timestamps(dep, active)
    span = max([r['active'] for r in active], default=0) - min(
        [r['post'] for r in runs], default=0)
    return {'active': len(active), 'error': len(runs) - len(active),
            'boots_per_s': len(active) / span if span > 0 else 0.0,
            'latency': [r['active'] - r['post'] for r in active],
            'runs': active}


def cpu_seconds(dep):
    """CPU seconds (user + system) used so far by each process that works
    on a boot: the deployment's services, the database and the broker
    (this machine's, found by name), and this benchmark."""
    ticks = os.sysconf('SC_CLK_TCK')
    pids = {name: proc.pid for name, proc in dep.procs.items()}
    for name in ('mariadbd', 'beam.smp'):
        found = bench_boot.sh('pgrep', '-x', name, check=False).stdout.split()
        if found:
            pids[name] = int(found[0])
    result = {}
    for name, pid in pids.items():
        try:
            with open('/proc/%d/stat' % pid) as f:
                fields = f.read().rsplit(')', 1)[1].split()
        except OSError:
            continue
        result[name] = (int(fields[11]) + int(fields[12])) / ticks
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result['benchmark'] = usage.ru_utime + usage.ru_stime
    return result


def cpu_per_boot(before, after, boots):
    """{process: CPU ms per ACTIVE boot} between two cpu_seconds()."""
    if not boots:
        return {}
    return {name: (after[name] - before[name]) * 1000.0 / boots
            for name in after if name in before}


def check_placement(dep):
    """The two counts that must be 0 after the boots."""
    return {name: bench_boot.mysql(query.format(db=dep.db_name))[0][0]
            for name, query in (('overcommitted', OVERCOMMITTED_PROVIDERS),
                                ('unallocated', UNALLOCATED_INSTANCES))}


def percentiles(values):
    """Nearest rank p50, p99 and max in ms (one of the measured values)."""
    if not values:
        return {'n': 0}
    s = sorted(values)
    at = lambda q: s[max(0, math.ceil(q * len(s)) - 1)] * 1000  # noqa: E731
    return {'n': len(s), 'p50': at(.5), 'p99': at(.99), 'max': s[-1] * 1000}


def run_hosts(args, hosts, image):
    """Everything measured with ``hosts`` fake hosts, in a deployment of
    their own that is removed at the end."""
    dep = SchedulerBenchDeployment(hosts, database='mysql')
    result = {'hosts': hosts}
    with bench_boot.running(dep, image, set(), network=False):
        result.update(start_hosts(dep, hosts))
        print_start(result)
        with scheduler_api(dep) as client:
            for concurrency in SELECT_CONCURRENCY:
                result['select_c%d' % concurrency] = percentiles(
                    measure_select(dep, client, args.calls, concurrency))
        before = cpu_seconds(dep)
        boots = measure_boots(dep, args.servers)
        boots['cpu_ms'] = cpu_per_boot(before, cpu_seconds(dep),
                                       boots['active'])
        result.update(check_placement(dep))
    runs = boots.pop('runs')
    boots['latency'] = percentiles(boots['latency'])
    result['boots'] = boots
    print_hosts(result)
    if runs:
        result['stages'] = bench_boot.print_stages(
            dep, runs, ('p50', 'p95', 'max'), 'ms')
    return result


def print_start(result):
    print('\n%(hosts)d fake hosts: ready in %(start_s).1f s; their process: '
          'RSS %(rss_mb).0f MB, %(connections)d RabbitMQ connections'
          % result, flush=True)


def print_latency(label, stats):
    if not stats['n']:
        print('  %-36s %6d' % (label, 0))
        return
    print('  %-36s %6d %9.1f %9.1f %9.1f' % (
        label, stats['n'], stats['p50'], stats['p99'], stats['max']))


def print_hosts(result):
    print('  %-36s %6s %9s %9s %9s' % (
        '', 'n', 'p50 ms', 'p99 ms', 'max ms'))
    for concurrency in SELECT_CONCURRENCY:
        print_latency('select_destinations, concurrency %d' % concurrency,
                      result['select_c%d' % concurrency])
    boots = result['boots']
    print_latency('POST -> ACTIVE, concurrency %d' % BOOT_CONCURRENCY,
                  boots['latency'])
    print('  boots: %d ACTIVE, %d ERROR, %.1f ACTIVE a second' % (
        boots['active'], boots['error'], boots['boots_per_s']))
    if boots['cpu_ms']:
        total = sum(boots['cpu_ms'].values())
        print('  CPU ms per boot: %s; total %.0f, so %d cores allow at most'
              ' %.1f boots a second' % (', '.join(
                  '%s %.0f' % item for item in sorted(
                      boots['cpu_ms'].items(), key=lambda i: -i[1])),
                  total, os.cpu_count(), os.cpu_count() * 1000.0 / total))
    print('  overcommitted providers: %d (must be 0)' % result[
        'overcommitted'])
    print('  instances with no allocation on their node: %d (must be 0)'
          % result['unallocated'], flush=True)


def fits_broker(hosts):
    """Whether the local broker has a connection for every host (and for
    others besides); if not, say so."""
    free = broker_free_sockets()
    if free is None or hosts + BROKER_SPARE_SOCKETS <= free:
        return True
    print('\n%d fake hosts: skipped, they need a RabbitMQ connection each '
          'and the broker accepts %d more (raise its open files limit)'
          % (hosts, free), file=sys.stderr)
    return False


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--hosts', default='10,100,1000',
                   help='fake host counts, one deployment each')
    p.add_argument('--servers', type=int, default=1000,
                   help='servers booted per host count')
    p.add_argument('--calls', type=int, default=200,
                   help='select_destinations calls per concurrency and '
                        'host count')
    p.add_argument('--json', action='store_true', help='add a JSON line')
    args = p.parse_args()
    # SIGTERM takes the same cleanup path as Ctrl-C.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    work = tempfile.mkdtemp(prefix='nova-lite-bench-')
    results = []
    try:
        image = os.path.join(work, 'tiny.qcow2')
        bench_boot.sh('qemu-img', 'create', '-q', '-f', 'qcow2', image, '64M')
        for hosts in [int(h) for h in args.hosts.split(',')]:
            if fits_broker(hosts):
                results.append(run_hosts(args, hosts, image))
    except KeyboardInterrupt:
        print('interrupted; cleaned up', file=sys.stderr)
        return 130
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == '__main__':
    sys.exit(main())
