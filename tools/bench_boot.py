#!/usr/bin/env python3
"""Boot-time benchmark of nova-lite: prints figures, asserts nothing.
``--driver fake`` and ``--driver libvirt``: see tools/README-benchmarks.rst.
"""

import argparse
import concurrent.futures
import contextlib
import datetime
import json
import math
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from tests import deployment  # noqa: E402

BANNER = 'nova-lite test guest booted'
# The benchmark's network: room for a thousand servers.
NETWORK_CIDR = '10.254.240.0/22'
IMAGE = os.path.join(REPO, 'build', 'images', 'nova-lite-test.qcow2')
# Set on failure or Ctrl-C so that worker threads stop polling.
STOP = threading.Event()
# Consecutive timestamps, so the stages add up to POST -> ACTIVE. 'post'
# and 'active' are client clock readings (same host), the rest DB rows.
CHAIN = [
    ('post', 'action', 'api: POST sent -> create action row'),
    ('action', 'sched_start', 'api cast + conductor queue'),
    ('sched_start', 'sched_end', 'scheduler: schedule_instances event'),
    ('sched_end', 'build_start', 'cast to compute, lock, BUILDING save'),
    ('build_start', 'active', 'compute: build until the ACTIVE save')]
EVENTS = {'schedule_instances': 'sched',
          'compute__do_build_and_run_instance': 'build'}


def sh(*cmd, check=True):
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if check and proc.returncode:
        raise RuntimeError('%s: %s' % (' '.join(cmd), proc.stderr.strip()))
    return proc


def mysql(statement, *params):
    import pymysql
    with pymysql.connect(host='127.0.0.1', user='root') as conn, \
            conn.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall()


class BenchDeployment(deployment.Deployment):
    """A test deployment set up for measuring rather than debugging."""

    schema_precision = 6  # sqlite stores datetimes as text with microseconds

    def manage(self, *args):
        out = super().manage(*args)
        if args == ('db', 'sync') and self.database == 'mysql':
            self.schema_precision = mysql(
                "SELECT DATETIME_PRECISION FROM information_schema.COLUMNS "
                "WHERE TABLE_SCHEMA = %s AND TABLE_NAME = 'instance_actions_"
                "events' AND COLUMN_NAME = 'start_time'", self.db_name)[0][0]
            # Whole seconds say nothing about stages of a few ms, so this
            # throwaway database keeps microseconds in the action columns.
            for table in ('instance_actions', 'instance_actions_events'):
                mysql('ALTER TABLE %s.%s MODIFY start_time DATETIME(6), '
                      'MODIFY finish_time DATETIME(6)' % (self.db_name, table))
            mysql('ALTER TABLE %s.instances MODIFY updated_at DATETIME(6)'
                  % self.db_name)
        return out

    def _common(self):
        sections = super()._common()
        # Debug logging of every RPC message is a cost no real deployment
        # pays; the default quota (10 instances) would refuse -n 50.
        sections['DEFAULT']['debug'] = 'false'
        sections['quota'] = {'instances': '-1', 'cores': '-1', 'ram': '-1'}
        return sections


def summary(values):
    """Nearest-rank percentiles: always one of the measured values."""
    s = sorted(values)
    at = lambda q: s[max(0, math.ceil(q * len(s)) - 1)]  # noqa: E731
    return dict(n=len(s), p50=at(.5), p95=at(.95), min=s[0], max=s[-1])


def print_table(title, rows, cols, unit):
    scale, fmt = (1000.0, '%.1f') if unit == 'ms' else (1.0, '%.2f')
    width = max(len(label) for label, _ in rows) + 2
    print('\n%s\n%s' % (title, ' ' * width + ''.join(
        ('%s %s' % (c, unit)).rjust(10) for c in cols)))
    for label, values in rows:
        stats = summary(values)
        print(label.ljust(width) + ''.join(
            (fmt % (stats[c] * scale)).rjust(10) for c in cols))
    return {label: summary(values) for label, values in rows}


def post_server(api, dep, name, live):
    """POST /servers; returns (server id, POST sent, POST answered)."""
    start = time.time()
    resp = api.create_server(name, dep.image_id)
    answered = time.time()
    if resp.status_code != 202:
        raise RuntimeError('POST /servers: %s %s' % (resp.status_code,
                                                     resp.text[:300]))
    live.add(resp.json()['server']['id'])
    return resp.json()['server']['id'], start, answered


def poll(check, interval, what, timeout=120):
    """Call check() every ``interval`` s until true; returns when it was."""
    deadline = time.time() + timeout
    while time.time() < deadline and not STOP.is_set():
        if check():
            return time.time()
        time.sleep(interval)
    raise RuntimeError('%s not seen in %d s' % (what, timeout))


def is_active(api, server_id):
    server = api.get('/servers/%s' % server_id).json()['server']
    if server['status'] == 'ERROR':
        raise RuntimeError('%s ERROR: %s' % (server_id, server.get('fault')))
    return server['status'] == 'ACTIVE'


def delete_server(api, server_id, live):
    start = time.time()
    api.delete('/servers/%s' % server_id)
    api.wait_for_deleted(server_id, timeout=120)
    live.discard(server_id)
    return time.time() - start


def remove_domains(uri, names):
    for name in names:
        sh('virsh', '-c', uri, 'destroy', name, check=False)
        sh('virsh', '-c', uri, 'undefine', name, check=False)


@contextlib.contextmanager
def running(dep, image_path, live, uri=None, network=True):
    """The deployment, torn down whatever happens: servers first (their
    domains would outlive the services), then processes and database.
    With ``network`` every server gets a port on a network of its own
    (a bridge with no uplink, removed at the end)."""
    bridge = 'brq%s' % dep.run_id
    dep.network = network
    try:
        dep.start(image_path=image_path, timeout=120)
        if network:
            dep.create_network('private', NETWORK_CIDR, '--bridge', bridge)
        yield dep
    finally:
        STOP.set()
        api, deadline = dep.client(), time.time() + 120
        for server_id in list(live):
            with contextlib.suppress(Exception):
                api.delete('/servers/%s' % server_id)
        while live and time.time() < deadline:  # one deadline for them all
            with contextlib.suppress(Exception):
                live.difference_update({s for s in list(live) if api.get(
                    '/servers/%s' % s).status_code == 404})
            time.sleep(0.2)
        for name in list(dep.procs):
            dep.kill(name)
        if uri:
            # Domains of ours a failed delete or a killed spawn left.
            inst = os.path.join(dep.dir, dep.computes[0], 'instances')
            ours = set(live) | set(os.listdir(inst) if os.path.isdir(inst)
                                   else [])
            listed = sh('virsh', '-c', uri, 'list', '--all', '--uuid',
                        check=False)
            remove_domains(uri, ours & set(listed.stdout.split()))
        dep.stop()
        sh('ip', 'link', 'delete', bridge, check=False)
        STOP.clear()


def run_concurrently(func, items, concurrency):
    pool = concurrent.futures.ThreadPoolExecutor(concurrency)
    try:
        futures = [pool.submit(func, item) for item in items]
        # The first failure stops the rest rather than waiting for them.
        for future in concurrent.futures.as_completed(futures):
            future.result()
        return [future.result() for future in futures]
    except BaseException:
        STOP.set()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class StateWatcher(object):
    """Waits for servers to leave BUILD by reading their rows, all of them
    in one query every ``interval`` s from one thread.

    Polling ``GET /servers/{id}`` once a second from every client thread
    loaded the API as much as the boots did, and held each slot for up
    to a second after its server was ACTIVE, so the figures measured the
    client more than nova-lite. The row's vm_state is what the API shows.
    """

    def __init__(self, dep, interval=0.05):
        import sqlalchemy as sa
        from nova_lite.db import models
        self._sa = sa
        self._table = models.Instance.__table__
        self._engine = sa.create_engine(dep.db_url)
        self._interval = interval
        self._waiting = {}      # uuid -> [Event, vm_state]
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def wait(self, server_id, timeout=120):
        """The server's vm_state once it is no longer 'building'."""
        entry = [threading.Event(), None]
        with self._lock:
            self._waiting[server_id] = entry
        if not entry[0].wait(timeout) or STOP.is_set():
            raise RuntimeError('%s still building after %d s'
                               % (server_id, timeout))
        return entry[1]

    def _run(self):
        table = self._table
        with self._engine.connect() as conn:
            while not self._stop.wait(self._interval):
                with self._lock:
                    ids = list(self._waiting)
                if not ids:
                    continue
                rows = conn.execute(self._sa.select(
                    table.c.uuid, table.c.vm_state).where(
                    table.c.uuid.in_(ids))).all()
                conn.rollback()     # the next query sees newer commits
                with self._lock:
                    for server_id, vm_state in rows:
                        if vm_state != 'building':
                            entry = self._waiting.pop(server_id)
                            entry[1] = vm_state
                            entry[0].set()

    def close(self):
        self._stop.set()
        self._thread.join()
        self._engine.dispose()


def boot_fake(dep, index, live, watcher):
    api = dep.client()  # one per server: requests sessions are not thread-safe
    server_id, start, answered = post_server(api, dep, 'b%d' % index, live)
    vm_state = watcher.wait(server_id)
    if vm_state != 'active':
        is_active(api, server_id)   # raises with the server's fault
        raise RuntimeError('%s: vm_state %s' % (server_id, vm_state))
    # The time it went ACTIVE is read afterwards: the instance row's
    # updated_at, written by the ACTIVE save and by nothing after it.
    return {'id': server_id, 'post': start, 'api': answered - start,
            'active': time.time()}


def add_db_timestamps(dep, runs):
    """Add to each run the epoch times of its create action's events."""
    import sqlalchemy as sa
    from nova_lite.db import models
    act = models.InstanceAction.__table__
    ev = models.InstanceActionEvent.__table__
    query = sa.select(act.c.instance_uuid, act.c.start_time, ev.c.event,
                      ev.c.start_time, ev.c.finish_time).join(
        ev, ev.c.action_id == act.c.id).where(act.c.action == 'create')
    inst = models.Instance.__table__
    engine = sa.create_engine(dep.db_url)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
        active_saves = dict(conn.execute(sa.select(
            inst.c.uuid, inst.c.updated_at)).all())
    engine.dispose()

    def epoch(naive_utc):
        return naive_utc.replace(tzinfo=datetime.timezone.utc).timestamp()
    by_id = {run['id']: run for run in runs}
    for server_id, run in by_id.items():
        if active_saves.get(server_id):
            run['active'] = epoch(active_saves[server_id])
    for inst, action_start, event, start, finish in rows:
        if event in EVENTS and inst in by_id:
            by_id[inst]['action'] = epoch(action_start)
            by_id[inst][EVENTS[event] + '_start'] = epoch(start)
            by_id[inst][EVENTS[event] + '_end'] = epoch(finish)


def print_stages(dep, runs, cols, unit):
    rows = [(label, [r[b] - r[a] for r in runs]) for a, b, label in CHAIN
            if all(a in r and b in r for r in runs)]
    figures = print_table(
        'stages from instance action timestamps (consecutive: they add up to'
        ' POST -> ACTIVE), database %s' % dep.database, rows, cols, unit)
    if not dep.schema_precision:
        print("(MariaDB keeps whole seconds in the schema's DATETIME columns"
              ' (DATETIME_PRECISION 0): for these stages this run widened\n'
              ' the action and event times to DATETIME(6) in its own DB.)')
    return figures


def run_fake(args, work):
    image = os.path.join(work, 'tiny.qcow2')
    sh('qemu-img', 'create', '-q', '-f', 'qcow2', image, '64M')
    dep, live = BenchDeployment(database=args.database), set()
    with running(dep, image, live, network=args.network):
        watcher = StateWatcher(dep)
        try:
            runs = run_concurrently(lambda i: boot_fake(dep, i, live,
                                                        watcher),
                                    range(args.n), args.concurrency)
        finally:
            watcher.close()
        add_db_timestamps(dep, runs)
        run_concurrently(lambda r: delete_server(dep.client(), r['id'], live),
                         runs, args.concurrency)
    cols = ('p50', 'p95', 'max')
    result = dict(vars(args), schema_precision=dep.schema_precision)
    result['client'] = print_table(
        'fake driver, %d servers, concurrency %d, database %s, %s' % (
            args.n, args.concurrency, args.database,
            'a port each' if args.network else 'no network'),
        [('POST -> ACTIVE (client)', [r['active'] - r['post'] for r in runs]),
         ('API: POST round trip (client)', [r['api'] for r in runs])],
        cols, 'ms')
    result['stages'] = print_stages(dep, runs, cols, 'ms')
    return result


def capture_template(dep, server_id):
    """Domain XML, disk backing file and size of a nova-lite guest, taken
    before its delete (this deployment makes no config drives)."""
    inst = os.path.join(dep.dir, dep.computes[0], 'instances', server_id)
    with open(os.path.join(inst, 'libvirt.xml')) as f:
        xml = f.read()
    # -U: the running guest holds the image's write lock.
    info = json.loads(sh('qemu-img', 'info', '-U', '--output=json',
                         os.path.join(inst, 'disk')).stdout)
    return {'xml': xml, 'inst': inst, 'uuid': server_id,
            'backing': info['full-backing-filename'], 'size': info[
                'virtual-size'], 'fmt': info['backing-filename-format']}


def baseline_once(tmpl, uri, work, domains):
    """virsh define + start of a copy of the XML -> banner in its log."""
    from lxml import etree
    target = tempfile.mkdtemp(dir=work)
    os.chmod(target, 0o755)
    sh('qemu-img', 'create', '-q', '-f', 'qcow2', '-F', tmpl['fmt'], '-b',
       tmpl['backing'], os.path.join(target, 'disk'), str(tmpl['size']))
    root = etree.fromstring(tmpl['xml'].encode())
    name = root.find('name').text = 'nova-lite-bench-%s' % uuid.uuid4().hex
    for source in root.iter('source'):
        for attr in ('file', 'path'):
            path = source.get(attr)
            if path and os.path.dirname(path) == tmpl['inst']:
                source.set(attr, os.path.join(target, os.path.basename(path)))
    xml_path = os.path.join(target, 'domain.xml')
    log = pathlib.Path(target, 'console.log')
    with open(xml_path, 'w') as f:
        # The uuid is also the SMBIOS uuid and serial, which must match.
        f.write(etree.tostring(root, encoding='unicode').replace(
            tmpl['uuid'], str(uuid.uuid4())))
    start = time.time()
    domains.add(name)  # before define: an interrupt in it still cleans up
    sh('virsh', '-c', uri, 'define', xml_path)
    sh('virsh', '-c', uri, 'start', name)
    started = time.time()
    banner = poll(lambda: log.exists() and BANNER in log.read_text(
        errors='replace'), 0.2, 'banner in ' + str(log))
    remove_domains(uri, [name])
    domains.discard(name)
    shutil.rmtree(target)
    return {'banner': banner - start, 'virsh': started - start}


def boot_libvirt(dep, api, index, live):
    server_id, start, _ = post_server(api, dep, 'bench-%d' % index, live)
    active = poll(lambda: is_active(api, server_id), 0.02, 'ACTIVE')
    action = '/servers/%s/action' % server_id
    banner = poll(lambda: BANNER in (api.post(action, {
        'os-getConsoleOutput': {}}).json().get('output') or ''), 0.2,
        'banner in os-getConsoleOutput')
    # With a network: until the guest reports the address DHCP gave it.
    address = poll(lambda: not dep.network or 'net: eth0' in (api.post(
        action, {'os-getConsoleOutput': {}}).json().get('output') or ''),
        0.2, 'the guest\'s address on its console')
    tmpl = capture_template(dep, server_id) if index == 0 else None
    run = {'id': server_id, 'post': start, 'active': active, 'banner': banner,
           'to_active': active - start, 'to_banner': banner - start,
           'to_address': address - start}
    run['delete'] = delete_server(api, server_id, live)
    return run, tmpl


def run_libvirt(args, work):
    if not os.path.exists(IMAGE):
        sh(os.path.join(REPO, 'tools', 'build_test_image.sh'))
    dep = BenchDeployment(
        database=args.database, driver='libvirt.LibvirtDriver',
        compute_conf={'libvirt': {'virt_type': 'qemu',
                                  'connection_uri': args.uri}})
    live, domains, runs, base, template = set(), set(), [], [], None
    # The compute holds an embedded driver's root: the baseline gets its own.
    base_uri = ('qemu:///embed?root=' + os.path.join(work, 'embed')
                if 'embed' in args.uri else args.uri)
    try:
        with running(dep, IMAGE, live, args.uri, network=args.network):
            for i in range(args.n):
                run, tmpl = boot_libvirt(dep, dep.client(), i, live)
                runs.append(run)
                template = template or tmpl
            add_db_timestamps(dep, runs)
            # While the deployment, and so its image cache, is still there.
            for i in range(args.n):
                base.append(baseline_once(template, base_uri, work, domains))
    finally:
        remove_domains(base_uri, domains)
    print('\nlibvirt driver (virt_type qemu, %s), %d servers one at a time, '
          'database %s, %s\nrun  POST->ACTIVE  POST->banner  POST->DHCP  '
          'DELETE->404  baseline->banner' % (
              args.uri, args.n, args.database,
              'a port each' if args.network else 'no network'))
    for i, (run, b) in enumerate(zip(runs, base)):
        print('%3d %12.2fs %12.2fs %10.2fs %11.2fs %16.2fs%s' % (
            i + 1, run['to_active'], run['to_banner'], run['to_address'],
            run['delete'], b['banner'],
            '' if i else '  (fills the image cache)'))
    figures = print_table('summary', [
        ('nova-lite POST -> ACTIVE', [r['to_active'] for r in runs]),
        ('nova-lite POST -> banner', [r['to_banner'] for r in runs]),
        ('nova-lite POST -> DHCP address', [r['to_address'] for r in runs]),
        ('baseline define+start -> banner', [b['banner'] for b in base]),
        ('baseline virsh define+start', [b['virsh'] for b in base])],
        ('p50', 'min', 'max'), 's')
    overhead = (figures['nova-lite POST -> banner']['p50'] -
                figures['baseline define+start -> banner']['p50'])
    print('\nnova-lite overhead (p50 POST->banner - p50 baseline): %.2f s'
          % overhead)
    return dict(vars(args), figures=figures, overhead_s=overhead,
                stages=print_stages(dep, runs, ('p50', 'min', 'max'), 's'))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--driver', choices=('fake', 'libvirt'), default='fake')
    p.add_argument('-n', type=int, help='servers (fake 50, libvirt 3)')
    p.add_argument('--concurrency', type=int, default=10, help='fake mode')
    p.add_argument('--database', choices=('mysql', 'sqlite'), default='mysql')
    p.add_argument('--uri', default='qemu:///system', help='libvirt mode')
    p.add_argument('--json', action='store_true', help='add a JSON line')
    p.add_argument('--no-network', dest='network', action='store_false',
                   help='boot servers with no port (no network exists)')
    args = p.parse_args()
    args.n = args.n or (50 if args.driver == 'fake' else 3)
    # SIGTERM takes the same cleanup path as Ctrl-C.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    work = tempfile.mkdtemp(prefix='nova-lite-bench-')
    os.chmod(work, 0o755)  # an embedded driver's QEMU runs as libvirt-qemu
    try:
        result = {'fake': run_fake, 'libvirt': run_libvirt}[args.driver](
            args, work)
    except KeyboardInterrupt:
        print('interrupted; cleaned up', file=sys.stderr)
        return 130
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == '__main__':
    sys.exit(main())
