"""Options of the compute API (group ``api``)."""

from oslo_config import cfg

api_group = cfg.OptGroup('api', title='API options')

api_opts = [
    cfg.StrOpt('auth_strategy',
               default='noauth2',
               choices=[('noauth2', 'The token is "user:project"; user '
                                    '"admin" gets the admin role.')],
               help="""
How API requests are authenticated.
"""),
    cfg.StrOpt('api_paste_config',
               default='api-paste.ini',
               help="""
File name of the paste.deploy configuration of the API pipeline; a relative
name is looked up next to the configuration files, then in the package's
``etc/nova_lite``.

Possible values:

* A file name or an absolute path.
"""),
    cfg.IntOpt('max_limit',
               default=1000, min=1,
               help="""
Maximum number of items a list call returns in one response.

Possible values:

* A positive integer.
"""),
    cfg.StrOpt('default_availability_zone',
               default='nova',
               help="""
Availability zone of hosts that are in no aggregate, and of instances that
asked for none.

Possible values:

* A zone name.
"""),
    cfg.StrOpt('internal_service_availability_zone',
               default='internal',
               help="""
Availability zone of the services that are not compute services (conductor,
scheduler, API). The zone list of the os-availability-zone API hides it;
its detailed list shows those services in it.

Possible values:

* A zone name, other than any aggregate's availability zone.
"""),
    cfg.StrOpt('dhcp_domain',
               default='novalocal',
               help="""
Domain appended to an instance's hostname in the hostname its metadata
(the config drive) gives the guest: 'vm1' becomes 'vm1.novalocal'. Empty:
the hostname as recorded, which is what a server created with a fully
qualified hostname (microversion 2.94) wants.

Possible values:

* A domain name, or the empty string.
"""),
    cfg.BoolOpt('enable_instance_password',
                default=True,
                help="""
Enables returning of the instance password by the relevant server API calls
such as create and rebuild. If the hypervisor does not support password
injection, then the password returned will not be correct, so if your
hypervisor does not support password injection, set this to False.
"""),
]


def register_opts(conf):
    conf.register_group(api_group)
    conf.register_opts(api_opts, group=api_group)


def list_opts():
    return {api_group: api_opts}
