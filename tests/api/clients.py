"""tempest.lib's compute service clients pointed at a deployment with a
noauth2 token.

The service clients validate every successful answer against
tempest.lib's response schema of the microversion in use (set with
``microversion``) and check that the answer echoes that microversion.
An error answer is checked here, before the client raises: its body
must be Nova's fault document, ``{"<name>": {"code": N, "message":
"..."}}`` with the name Nova gives the status.
"""

import contextlib

import jsonschema
from oslo_serialization import jsonutils
import pytest
from tempest.lib import auth
from tempest.lib import exceptions as lib_exc
from tempest.lib.services.compute import aggregates_client
from tempest.lib.services.compute import availability_zone_client
from tempest.lib.services.compute import base_compute_client
from tempest.lib.services.compute import flavors_client
from tempest.lib.services.compute import hypervisor_client
from tempest.lib.services.compute import images_client
from tempest.lib.services.compute import interfaces_client
from tempest.lib.services.compute import keypairs_client
from tempest.lib.services.compute import limits_client
from tempest.lib.services.compute import quotas_client
from tempest.lib.services.compute import server_groups_client
from tempest.lib.services.compute import servers_client
from tempest.lib.services.compute import services_client
from tempest.lib.services.compute import versions_client

# Nova's fault names (nova.api.openstack.wsgi.Fault); any other status
# is a computeFault.
FAULT_NAMES = {
    400: 'badRequest',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'itemNotFound',
    405: 'badMethod',
    409: 'conflictingRequest',
    413: 'overLimit',
    415: 'badMediaType',
    429: 'overLimit',
    501: 'notImplemented',
    503: 'serviceUnavailable',
}

FAULT_SCHEMA = {
    'type': 'object',
    'minProperties': 1,
    'maxProperties': 1,
    'additionalProperties': {
        'type': 'object',
        'properties': {
            'code': {'type': 'integer'},
            'message': {'type': 'string', 'minLength': 1},
        },
        'required': ['code', 'message'],
        'additionalProperties': False,
    },
}


def check_fault(status, body):
    """The (name, message) of a fault document, checked against Nova's
    form for ``status``."""
    document = jsonutils.loads(body)
    jsonschema.validate(document, FAULT_SCHEMA)
    [(name, fault)] = document.items()
    assert name == FAULT_NAMES.get(status, 'computeFault'), document
    assert fault['code'] == status, document
    return name, fault['message']


class FaultChecked(object):
    """Check an error answer's fault document before the client raises;
    the exception carries it as ``fault`` (name, message)."""

    def _error_checker(self, resp, resp_body):
        fault = None
        if resp.status >= 400:
            fault = check_fault(resp.status, resp_body)
        try:
            super()._error_checker(resp, resp_body)
        except lib_exc.RestClientException as exc:
            exc.fault = fault
            raise


class NoAuthProvider(auth.AuthProvider):
    """noauth2: the token names the user, project and roles; the
    endpoint is the deployment's, there is no catalog."""

    def __init__(self, token, endpoint):
        self.token = token
        self.endpoint = endpoint.rstrip('/')
        super().__init__(credentials=None)

    @classmethod
    def check_credentials(cls, credentials):
        return True

    def clear_auth(self):
        self.cache = None

    def _get_auth(self):
        return self.token, {}

    def get_token(self):
        return self.token

    def _fill_credentials(self, auth_data_body):
        pass

    def is_expired(self, auth_data):
        return False

    def base_url(self, filters, auth_data=None):
        return self.endpoint

    def _decorate_request(self, filters, method, url, headers=None,
                          body=None, auth_data=None):
        url = '/'.join((self.endpoint, url)) if url else self.endpoint
        return url, dict(headers or {}, **{'X-Auth-Token': self.token}), body


def _checked(client_class):
    return type(client_class.__name__, (FaultChecked, client_class), {})


_CLIENTS = {
    'servers': servers_client.ServersClient,
    'flavors': flavors_client.FlavorsClient,
    'keypairs': keypairs_client.KeyPairsClient,
    'aggregates': aggregates_client.AggregatesClient,
    'zones': availability_zone_client.AvailabilityZoneClient,
    'server_groups': server_groups_client.ServerGroupsClient,
    'services': services_client.ServicesClient,
    'hypervisors': hypervisor_client.HypervisorClient,
    'limits': limits_client.LimitsClient,
    'quotas': quotas_client.QuotasClient,
    'images': images_client.ImagesClient,
    'interfaces': interfaces_client.InterfacesClient,
    'versions': versions_client.VersionsClient,
}


class Clients(object):
    """The compute service clients of one user of one project:
    ``servers``, ``flavors``, ``keypairs``, ``aggregates``, ``zones``,
    ``server_groups``, ``services``, ``hypervisors``, ``limits``,
    ``quotas``, ``images``, ``interfaces`` and ``versions``."""

    def __init__(self, endpoint, user, project, roles=None):
        self.user = user
        self.project = project
        token = '%s:%s' % (user, project)
        if roles:
            token += ':' + ','.join(roles)
        provider = NoAuthProvider(token, endpoint)
        for name, client_class in _CLIENTS.items():
            setattr(self, name, _checked(client_class)(
                provider, 'compute', 'RegionOne'))


@contextlib.contextmanager
def microversion(version):
    """Requests in the block ask for ``version`` (None: no header) and
    their answers are validated against its schemas. The global is the
    one tempest's APIMicroversionFixture sets; the version in use before
    is restored after, so blocks nest."""
    previous = base_compute_client.COMPUTE_MICROVERSION
    base_compute_client.COMPUTE_MICROVERSION = version
    try:
        yield
    finally:
        base_compute_client.COMPUTE_MICROVERSION = previous


def call(client, method, url, schema, headers=None, body=None):
    """A request no service client method makes (other headers, another
    URL: relative to the endpoint, or absolute and then sent without the
    token), its answer checked as
    theirs are: a fault document if refused, else the status, body and
    headers against ``schema``. Returns (headers, body)."""
    headers = dict(client.get_headers(), **(headers or {}))
    if url.startswith('http'):
        resp, raw = client.raw_request(url, method, headers=headers,
                                       body=body)
        client._error_checker(resp, raw)
    else:
        resp, raw = client.request(method, url, headers=headers, body=body)
    assert resp.status in schema['status_code'], resp.status
    body = jsonutils.loads(raw) if raw else None
    client.validate_response(schema, resp, body)
    return resp, body


def schema_of(client, name):
    """The response schema ``name`` of ``client`` at the microversion in
    use, as its own methods pick it."""
    return getattr(client.get_schema(client.schema_versions_info), name)


class Refusal(object):
    """What a refused request was answered: ``status``, ``headers``, the
    fault's ``name`` and ``message``."""
    status = headers = name = message = None


@contextlib.contextmanager
def refused(status, message=None):
    """The request in the block must be refused with ``status`` (its
    fault document already checked by the client) and, if given, Nova's
    ``message``, exactly."""
    refusal = Refusal()
    with pytest.raises(lib_exc.RestClientException) as info:
        yield refusal
    exc = info.value
    assert getattr(exc, 'fault', None), exc
    refusal.status = exc.resp.status
    refusal.headers = exc.resp
    refusal.name, refusal.message = exc.fault
    assert refusal.status == status, (refusal.status, refusal.message)
    if message is not None:
        assert refusal.message == message


def policy_message(rule):
    """Nova's message of a policy refusal."""
    return "Policy doesn't allow %s to be performed." % rule
