"""A throwaway nova-lite deployment for functional and e2e tests and the
benchmarks: its own database, its own RabbitMQ exchange, its own state
directory and API port, and the four services as separate processes."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid

import requests

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.dirname(sys.executable)
SERVICES = ('conductor', 'scheduler', 'compute', 'api')


def service_env(extra=None):
    """The environment of a service process: this checkout's nova_lite
    comes first, whichever checkout the venv was installed from."""
    env = dict(os.environ, **(extra or {}))
    env['PYTHONPATH'] = os.pathsep.join(
        p for p in (REPO, env.get('PYTHONPATH')) if p)
    return env


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


class Deployment(object):
    """Start with ``start()``, stop and clean with ``stop()``.

    ``database``: 'mysql' (a new database on the local MariaDB) or
    'sqlite'. ``computes``: names of compute hosts, one process each.
    ``compute_conf``: extra [section] -> {option: value} for the computes;
    ``host_conf``: {host: {section: {option: value}}} for one of them;
    ``controller_options``: the same for the conductor, scheduler and API.
    ``compute_env``: extra environment variables of the computes.
    """

    def __init__(self, database='mysql', driver='fake.FakeDriver',
                 computes=('compute1',), compute_conf=None, base_dir=None,
                 host_conf=None, controller_options=None, compute_env=None):
        self.run_id = uuid.uuid4().hex[:10]
        self.dir = tempfile.mkdtemp(prefix='nova-lite-%s-' % self.run_id,
                                    dir=base_dir)
        # QEMU may run as its own user and must reach the instance disks.
        os.chmod(self.dir, 0o755)
        os.makedirs(os.path.join(self.dir, 'state'))
        self.database = database
        self.driver = driver
        self.computes = computes
        self.compute_conf = compute_conf or {}
        self.host_conf = host_conf or {}
        self.controller_options = controller_options or {}
        self.compute_env = compute_env or {}
        self.port = free_port()
        self.url = 'http://127.0.0.1:%d/v2.1' % self.port
        self.procs = {}
        self.db_name = 'nova_lite_%s' % self.run_id
        self.vhost = 'nova_lite_%s' % self.run_id
        if database == 'mysql':
            self.db_url = 'mysql+pymysql://root@127.0.0.1/%s' % self.db_name
        else:
            self.db_url = 'sqlite:///%s/nova_lite.sqlite' % self.dir

    # configuration

    def _common(self):
        return {
            'DEFAULT': {
                'state_path': os.path.join(self.dir, 'state'),
                # Our own virtual host: queue names are per vhost, so
                # several runs can share one broker.
                'transport_url': 'rabbit://guest:guest@127.0.0.1:5672/%s'
                                 % self.vhost,
                'report_interval': '1',
                'service_down_time': '10',
                'periodic_interval': '5',
                'osapi_compute_listen': '127.0.0.1',
                'osapi_compute_listen_port': str(self.port),
                'compute_driver': self.driver,
                # Guests of several runs may share one libvirtd.
                'instance_name_template': 'nl%s-%%08x' % self.run_id,
                'debug': 'true',
            },
            'oslo_concurrency': {'lock_path': os.path.join(self.dir, 'lock')},
            'image': {'store_dir': os.path.join(self.dir, 'images')},
            # Tests boot many servers in one project.
            'quota': {'instances': '-1', 'cores': '-1', 'ram': '-1'},
        }

    def _write_conf(self, name, sections):
        path = os.path.join(self.dir, name)
        with open(path, 'w') as f:
            for section, values in sections.items():
                f.write('[%s]\n' % section)
                for key, value in values.items():
                    f.write('%s = %s\n' % (key, value))
        return path

    def controller_conf(self):
        sections = self._common()
        sections['DEFAULT']['host'] = 'controller'
        sections['database'] = {'connection': self.db_url}
        for section, values in self.controller_options.items():
            sections.setdefault(section, {}).update(values)
        return self._write_conf('nova-lite.conf', sections)

    def compute_conf_path(self, host):
        """A compute's configuration: no [database] section at all."""
        sections = self._common()
        sections['DEFAULT']['host'] = host
        sections['DEFAULT']['instances_path'] = os.path.join(
            self.dir, host, 'instances')
        for conf in (self.compute_conf, self.host_conf.get(host, {})):
            for section, values in conf.items():
                sections.setdefault(section, {}).update(values)
        return self._write_conf('nova-lite-%s.conf' % host, sections)

    # processes

    def manage(self, *args):
        return subprocess.run(
            [os.path.join(BIN, 'nova-lite-manage'), '--config-file',
             self.controller_conf()] + list(args),
            check=True, capture_output=True, text=True,
            env=service_env()).stdout

    def create_network(self, name, cidr, *args):
        """A network through nova-lite-manage; returns its id."""
        return self.manage('network', 'create', name, '--cidr', cidr,
                           *args).strip().splitlines()[-1]

    def ports(self):
        """Every port, as rows of ``nova-lite-manage port list``:
        {id, network, mac, ips, device, host, status}."""
        ports = []
        for line in self.manage('port', 'list').splitlines():
            cells = [c.strip() for c in line.strip('|').split('|')]
            if len(cells) == 8 and len(cells[0]) == 36:
                ports.append(dict(zip(
                    ('id', 'name', 'network', 'mac', 'ips', 'device',
                     'host', 'status'), cells)))
        return ports

    def _spawn(self, name, binary, conf_path, env=None, args=()):
        log = open(os.path.join(self.dir, '%s.log' % name), 'w')
        self.procs[name] = subprocess.Popen(
            [os.path.join(BIN, binary), '--config-file', conf_path]
            + list(args),
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            env=service_env(env))

    def start_compute(self, host, timeout=60):
        """(Re)start the compute service of ``host`` and wait until it
        serves again."""
        log = os.path.join(self.dir, '%s.log' % host)
        if os.path.exists(log):
            os.rename(log, log + '.%d' % time.time())
        self._spawn(host, 'nova-lite-compute', self.compute_conf_path(host),
                    self.compute_env)
        self._wait_started(host, 'nova-lite-compute', host, timeout)

    def start_controller(self, name, binary, timeout=60):
        """One more conductor or scheduler process (``name``: its entry in
        ``procs`` and its log), sharing the others' topic and database,
        once it serves."""
        self._spawn(name, binary, self.controller_conf())
        self._wait_started(name, binary, 'controller', timeout)

    def _started(self, name, binary, host):
        """Whether service ``name`` has said it serves: it logs so once
        its service record is saved and its RPC server consumes."""
        return '%s started on host %s' % (binary, host) in self.log(name)

    def _wait_started(self, name, binary, host, timeout):
        deadline = time.time() + timeout
        while not self._started(name, binary, host):
            self._check_alive()
            if time.time() > deadline:
                raise RuntimeError('%s did not start; logs in %s' % (
                    name, self.dir))
            time.sleep(0.3)

    def start_fake_computes(self, count, prefix='fake', name='fake-computes',
                            timeout=120, args=()):
        """Start ``count`` compute hosts PREFIX-0001, PREFIX-0002, ... in
        one nova-lite-fake-computes process (``name``: its entry in
        ``procs``, its log and the [DEFAULT] host of its configuration,
        which takes ``compute_conf`` and ``host_conf[name]``) and wait
        until every one of them serves; ``args``: more command-line
        options. Returns the seconds the process took to be ready."""
        began = time.time()
        self._spawn(name, 'nova-lite-fake-computes',
                    self.compute_conf_path(name), self.compute_env,
                    args=['--count', str(count), '--host-prefix', prefix]
                    + list(args))
        deadline = began + timeout
        while '%d fake compute services started' % count not in \
                self.log(name):
            self._check_alive()
            if time.time() > deadline:
                raise RuntimeError('%s did not start; logs in %s' % (
                    name, self.dir))
            time.sleep(0.3)
        return time.time() - began

    def start(self, image_path=None, timeout=60):
        if self.database == 'mysql':
            _mysql('CREATE DATABASE %s' % self.db_name)
        # The vhost is made while the schema is: each command takes a
        # second or so to start.
        vhost = subprocess.Popen(
            'rabbitmqctl -q add_vhost %(vhost)s && rabbitmqctl -q '
            'set_permissions -p %(vhost)s guest ".*" ".*" ".*"' % {
                'vhost': self.vhost},
            shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.manage('db', 'sync')
        if vhost.wait() != 0:
            raise RuntimeError('vhost %s: %s' % (self.vhost,
                                                 vhost.stderr.read()))
        controller = self.controller_conf()
        self._spawn('conductor', 'nova-lite-conductor', controller)
        self._spawn('scheduler', 'nova-lite-scheduler', controller)
        for host in self.computes:
            self._spawn(host, 'nova-lite-compute',
                        self.compute_conf_path(host), self.compute_env)
        self._spawn('api', 'nova-lite-api', controller)
        # The flavors and the image, while the services start.
        self.manage('flavor', 'create-defaults')
        self.image_id = None
        if image_path:
            self.image_id = self.manage(
                'image', 'create', '--name', 'nova-lite-test',
                '--file', image_path).strip().splitlines()[-1]
        self.wait_ready(timeout)
        return self

    def wait_ready(self, timeout):
        """Until the API answers, the conductor and the scheduler serve,
        and every compute has a compute node."""
        services = [('conductor', 'nova-lite-conductor', 'controller'),
                    ('scheduler', 'nova-lite-scheduler', 'controller')] + [
            (host, 'nova-lite-compute', host) for host in self.computes]
        deadline = time.time() + timeout
        while time.time() < deadline:
            self._check_alive()
            try:
                # A compute is ready once its RPC server runs, after its
                # compute node is recorded.
                if all(self._started(*service) for service in services) \
                        and self._api_up():
                    return
            except subprocess.CalledProcessError:
                pass
            time.sleep(0.3)
        raise RuntimeError('deployment not ready; logs in %s' % self.dir)

    def _api_up(self):
        try:
            return requests.get(self.url, timeout=2).status_code == 200
        except requests.ConnectionError:
            return False

    def _check_alive(self):
        for name, proc in self.procs.items():
            if proc.poll() is not None:
                raise RuntimeError('%s exited with %s:\n%s' % (
                    name, proc.returncode, self.log(name)[-3000:]))

    def service_states(self):
        """{(binary, host): 'up'|'down'} from ``nova-lite-manage``."""
        states = {}
        for line in self.manage('service', 'list').splitlines():
            cells = [c.strip() for c in line.strip('|').split('|')]
            if len(cells) == 6 and cells[0].isdigit():
                states[(cells[1], cells[2])] = cells[4]
        return states

    def log(self, name):
        with open(os.path.join(self.dir, '%s.log' % name)) as f:
            return f.read()

    def kill(self, *names, sig=signal.SIGTERM, timeout=30):
        """Send ``sig`` to the services ``names`` at once, then wait for
        each to end (SIGKILL after ``timeout`` seconds)."""
        procs = [self.procs.pop(name) for name in names]
        for proc in procs:
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.time() + timeout
        for proc in procs:
            try:
                proc.wait(timeout=max(0, deadline - time.time()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()

    def stop(self, keep_dir=bool(os.environ.get("NOVA_LITE_KEEP_TEST_DIRS"))):
        try:
            self.delete_all_servers()
        except Exception:
            pass  # a failed test may have left the API down
        # Together: each takes seconds to stop gracefully.
        self.kill(*self.procs)
        if self.database == 'mysql':
            _mysql('DROP DATABASE IF EXISTS %s' % self.db_name)
        _rabbitmqctl('delete_vhost', self.vhost, check=False)
        if not keep_dir:
            shutil.rmtree(self.dir, ignore_errors=True)

    def delete_all_servers(self, timeout=120):
        """Delete every server, so no guest outlives the deployment."""
        admin = self.client('admin', 'admin')
        servers = admin.get('/servers?all_tenants=1').json()['servers']
        for server in servers:
            admin.delete('/servers/%s' % server['id'])
        for server in servers:
            admin.wait_for_deleted(server['id'], timeout=timeout)

    # API client

    def client(self, user='demo', project='demo'):
        return Client(self.url, user, project)


class Client(object):
    """A requests session speaking the compute API with a noauth2 token."""

    def __init__(self, url, user, project):
        self.url = url
        self.session = requests.Session()
        self.session.headers.update({'X-Auth-Token': '%s:%s' % (user,
                                                                project),
                                     'Accept': 'application/json'})

    def request(self, method, path, **kwargs):
        kwargs.setdefault('timeout', 30)
        return self.session.request(method, self.url + path, **kwargs)

    def get(self, path, **kwargs):
        return self.request('GET', path, **kwargs)

    def post(self, path, body, **kwargs):
        return self.request('POST', path, json=body, **kwargs)

    def delete(self, path, **kwargs):
        return self.request('DELETE', path, **kwargs)

    def create_server(self, name, image_id, flavor_id='42', **extra):
        body = {'server': dict(name=name, imageRef=image_id,
                               flavorRef=flavor_id, **extra)}
        return self.post('/servers', body)

    def wait_for_status(self, server_id, statuses, timeout=120):
        deadline = time.time() + timeout
        while time.time() < deadline:
            resp = self.get('/servers/%s' % server_id)
            if resp.status_code == 404 and 'DELETED' in statuses:
                return None
            server = resp.json()['server']
            if server['status'] in statuses:
                return server
            time.sleep(0.1)
        raise AssertionError('server %s never reached %s (last %s)' % (
            server_id, statuses, server['status']))

    def wait_for_deleted(self, server_id, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.get('/servers/%s' % server_id).status_code == 404:
                return
            time.sleep(0.1)
        raise AssertionError('server %s was not deleted' % server_id)


def _mysql(statement):
    import pymysql
    conn = pymysql.connect(host='127.0.0.1', user='root', password='')
    try:
        with conn.cursor() as cursor:
            cursor.execute(statement)
        conn.commit()
    finally:
        conn.close()


def _rabbitmqctl(*args, check=True):
    subprocess.run(['rabbitmqctl', '-q'] + list(args), check=check,
                   capture_output=True)
