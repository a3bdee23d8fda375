"""Tests of the compute API, driven through the real paste pipeline
with webob requests; helpers to make the flavors, images and requests
they need."""

import json

from oslo_utils import timeutils
from oslo_utils import uuidutils
import webob

from nova_lite import context as nova_context
from nova_lite import objects

IMAGE_ID = '155d900f-4e14-4e4c-a73d-069cbf4541e6'


class Client(object):
    """Sends requests to the WSGI app as ``user:project``."""

    def __init__(self, app, token='demo:demo-project', version=None):
        self.app = app
        self.token = token
        self.version = version

    def as_user(self, token):
        return Client(self.app, token, self.version)

    def at_version(self, version):
        return Client(self.app, self.token, version)

    def request(self, method, path, body=None, headers=None, raw=None):
        req = webob.Request.blank(path, method=method)
        if self.token:
            req.headers['X-Auth-Token'] = self.token
        if self.version:
            req.headers['OpenStack-API-Version'] = 'compute ' + self.version
        if body is not None or raw is not None:
            req.body = raw if raw is not None else json.dumps(body).encode()
            req.content_type = 'application/json'
        for name, value in (headers or {}).items():
            req.headers[name] = value
        return req.get_response(self.app)

    def get(self, path, **kwargs):
        return self.request('GET', path, **kwargs)

    def post(self, path, body=None, **kwargs):
        return self.request('POST', path, body=body, **kwargs)

    def delete(self, path, **kwargs):
        return self.request('DELETE', path, **kwargs)


def make_flavor(context, flavorid='1', name='m1.tiny', **values):
    fields = dict(flavorid=flavorid, name=name, memory_mb=512, vcpus=1,
                  root_gb=1, ephemeral_gb=0, swap=0, rxtx_factor=1.0,
                  is_public=True, disabled=False, description=None,
                  extra_specs={})
    fields.update(values)
    flavor = objects.Flavor(context, **fields)
    flavor.create()
    return flavor


def make_image(context, image_id=IMAGE_ID, name='cirros', **values):
    fields = dict(uuid=image_id, name=name, status='active',
                  disk_format='qcow2', container_format='bare',
                  size=13267968, virtual_size=117440512, checksum='0' * 32,
                  min_disk=0, min_ram=0, visibility='public',
                  owner='admin-project', location='file:///images/x',
                  properties={})
    fields.update(values)
    image = objects.Image(context, **fields)
    image.create()
    return image


def make_network(context, name='private', cidr='10.254.0.0/24',
                 gateway='10.254.0.1', **values):
    network = objects.Network(context, name=name, **values)
    network.create(cidr=cidr, gateway_ip=gateway)
    return network


def make_service(host, disabled=False):
    """A compute service on ``host``, up now."""
    objects.Service(nova_context.get_admin_context(), host=host,
                    binary='nova-lite-compute', topic='compute',
                    disabled=disabled,
                    last_seen_up=timeutils.utcnow()).create()


def make_zone(name, hosts):
    """Availability zone ``name``: an aggregate of ``hosts``."""
    aggregate = objects.Aggregate(nova_context.get_admin_context(),
                                  name='agg-' + name,
                                  metadata={'availability_zone': name})
    aggregate.create()
    for host in hosts:
        aggregate.add_host(host)


def create_body(**server):
    body = {'name': 'vm1', 'imageRef': IMAGE_ID, 'flavorRef': '1'}
    body.update(server)
    return {'server': body}


def boot_active(client, host, hints=None, **server):
    """The id of a server created through the API (with ``hints``, its
    os:scheduler_hints; so with the request spec Nova keeps of it), then
    scheduled to ``host`` and ACTIVE."""
    body = create_body(networks='none', **server)
    if hints is not None:
        body['os:scheduler_hints'] = hints
    resp = client.post('/v2.1/servers', body)
    assert resp.status_int == 202, resp.body
    instance = db_instance(resp.json['server']['id'])
    instance.host = instance.node = host
    instance.vm_state, instance.task_state = 'active', None
    instance.save()
    return instance.uuid


def server_answers(client, server_id, image_id=IMAGE_ID):
    """[(tempest.lib schema name, answer)] of the four documents of a
    server: show, list detail, update (a new name) and rebuild."""
    url = '/v2.1/servers/%s' % server_id
    return [
        ('get_server', client.get(url)),
        ('list_servers_detail', client.get('/v2.1/servers/detail')),
        ('update_server', client.request('PUT', url,
                                         body={'server': {'name': 'web'}})),
        ('rebuild_server_with_admin_pass', client.post(
            url + '/action', {'rebuild': {'imageRef': image_id}})),
    ]


def answered_server(resp):
    """The (first) server of a server or server list answer."""
    body = resp.json
    return body['servers'][0] if 'servers' in body else body['server']


def make_instance(flavor, project_id='demo-project', user_id='demo',
                  **values):
    context = nova_context.RequestContext(user_id=user_id,
                                          project_id=project_id)
    fields = dict(uuid=uuidutils.generate_uuid(), user_id=user_id,
                  project_id=project_id, image_ref=IMAGE_ID,
                  display_name='vm', display_description='vm',
                  hostname='vm', launch_index=0, memory_mb=512, vcpus=1,
                  root_gb=1, ephemeral_gb=0, instance_type_id=flavor.id,
                  flavor=flavor, vm_state='active', task_state=None,
                  power_state=1, config_drive='', metadata={},
                  system_metadata={'reservation_id': 'r-abcdef12'},
                  progress=0)
    fields.update(values)
    if 'tags' in fields:
        fields['tags'] = objects.TagList.from_names(
            context, fields['uuid'], fields['tags'])
    instance = objects.Instance(context, **fields)
    instance.create()
    return instance


def in_a_group(instance):
    """A server group (affinity) with ``instance`` as its member."""
    group = objects.InstanceGroup(
        instance._context, name='g', policy='affinity', rules={},
        project_id=instance.project_id, user_id=instance.user_id)
    group.create()
    objects.InstanceGroup.add_members(instance._context, group.uuid,
                                      [instance.uuid])
    return group


def add_fault(instance, code, message='boom', details='Traceback...'):
    fault = objects.InstanceFault(
        instance._context, instance_uuid=instance.uuid, code=code,
        message=message, details=details, host='compute1')
    fault.create()


def failed(resp):
    """(status, message) of a fault answer."""
    [(_name, fault)] = resp.json.items()
    return resp.status_int, fault['message']


def db_instance(uuid):
    return objects.Instance.get_by_uuid(
        nova_context.get_admin_context(read_deleted='yes'), uuid)


def tempest_validate(schema, resp):
    """Check a response as tempest's compute client does: status code,
    body and headers against tempest.lib's response schema. (The client
    raises on an error status before it validates anything; here an
    error status fails at once.)"""
    from tempest.lib.common import rest_client

    assert resp.status_int in schema['status_code'], (
        resp.status_int, resp.body)

    class Response(dict):
        status = resp.status_int

    rest_client.RestClient.validate_response(
        schema, Response({k.lower(): v for k, v in resp.headers.items()}),
        resp.json if getattr(resp, 'body', True) else resp.body)
