"""SQLAlchemy models of nova-lite's tables, after Nova's main database."""

from oslo_db.sqlalchemy import models
import sqlalchemy as sa
from sqlalchemy import orm

BASE = orm.declarative_base()


class NovaBase(models.TimestampMixin, models.ModelBase):
    """created_at/updated_at on every row; dict-like access for the API."""


class SoftDeleteBase(models.SoftDeleteMixin, NovaBase):
    """Rows kept after delete with ``deleted`` set to their id, as Nova."""


class Service(BASE, SoftDeleteBase):
    __tablename__ = 'services'
    __table_args__ = (
        sa.UniqueConstraint('host', 'binary', 'deleted',
                            name='uniq_services0host0binary0deleted'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False, index=True)
    host = sa.Column(sa.String(255), nullable=False)
    binary = sa.Column(sa.String(255), nullable=False)
    topic = sa.Column(sa.String(255))
    report_count = sa.Column(sa.Integer, nullable=False, default=0)
    disabled = sa.Column(sa.Boolean, default=False)
    disabled_reason = sa.Column(sa.String(255))
    last_seen_up = sa.Column(sa.DateTime)
    forced_down = sa.Column(sa.Boolean, default=False)
    version = sa.Column(sa.Integer, default=0)


class ComputeNode(BASE, SoftDeleteBase):
    __tablename__ = 'compute_nodes'
    __table_args__ = (
        sa.UniqueConstraint('host', 'hypervisor_hostname', 'deleted',
                            name='uniq_compute_nodes0host0'
                                 'hypervisor_hostname0deleted'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False)
    service_id = sa.Column(sa.Integer)
    host = sa.Column(sa.String(255), nullable=False)
    hypervisor_hostname = sa.Column(sa.String(255), nullable=False)
    hypervisor_type = sa.Column(sa.String(255))
    hypervisor_version = sa.Column(sa.Integer)
    cpu_info = sa.Column(sa.Text)
    vcpus = sa.Column(sa.Integer, nullable=False)
    memory_mb = sa.Column(sa.Integer, nullable=False)
    local_gb = sa.Column(sa.Integer, nullable=False)
    vcpus_used = sa.Column(sa.Integer, nullable=False, default=0)
    memory_mb_used = sa.Column(sa.Integer, nullable=False, default=0)
    local_gb_used = sa.Column(sa.Integer, nullable=False, default=0)
    free_ram_mb = sa.Column(sa.Integer)
    free_disk_gb = sa.Column(sa.Integer)
    running_vms = sa.Column(sa.Integer, default=0)
    current_workload = sa.Column(sa.Integer)
    disk_available_least = sa.Column(sa.Integer)
    host_ip = sa.Column(sa.String(39))
    cpu_allocation_ratio = sa.Column(sa.Float)
    ram_allocation_ratio = sa.Column(sa.Float)
    disk_allocation_ratio = sa.Column(sa.Float)


class Flavor(BASE, NovaBase):
    __tablename__ = 'flavors'
    __table_args__ = (
        sa.UniqueConstraint('flavorid', name='uniq_flavors0flavorid'),
        sa.UniqueConstraint('name', name='uniq_flavors0name'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    flavorid = sa.Column(sa.String(255), nullable=False)
    name = sa.Column(sa.String(255), nullable=False)
    memory_mb = sa.Column(sa.Integer, nullable=False)
    vcpus = sa.Column(sa.Integer, nullable=False)
    root_gb = sa.Column(sa.Integer)
    ephemeral_gb = sa.Column(sa.Integer)
    swap = sa.Column(sa.Integer, nullable=False, default=0)
    rxtx_factor = sa.Column(sa.Float, default=1.0)
    vcpu_weight = sa.Column(sa.Integer)
    disabled = sa.Column(sa.Boolean, default=False)
    is_public = sa.Column(sa.Boolean, default=True)
    description = sa.Column(sa.Text)


class FlavorExtraSpecs(BASE, NovaBase):
    __tablename__ = 'flavor_extra_specs'
    __table_args__ = (
        sa.UniqueConstraint('flavor_id', 'key',
                            name='uniq_flavor_extra_specs0flavor_id0key'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    key = sa.Column(sa.String(255), nullable=False)
    value = sa.Column(sa.String(255))
    flavor_id = sa.Column(sa.Integer, sa.ForeignKey('flavors.id'),
                          nullable=False)


class Image(BASE, SoftDeleteBase):
    """The image service's records; the data lives in ``[image] store_dir``."""
    __tablename__ = 'images'
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False, unique=True)
    name = sa.Column(sa.String(255))
    status = sa.Column(sa.String(30), nullable=False)
    disk_format = sa.Column(sa.String(20))
    container_format = sa.Column(sa.String(20))
    size = sa.Column(sa.BigInteger)
    virtual_size = sa.Column(sa.BigInteger)
    checksum = sa.Column(sa.String(32))
    min_disk = sa.Column(sa.Integer, nullable=False, default=0)
    min_ram = sa.Column(sa.Integer, nullable=False, default=0)
    visibility = sa.Column(sa.String(20), nullable=False, default='public')
    owner = sa.Column(sa.String(255))
    location = sa.Column(sa.Text)
    properties = sa.Column(sa.Text)


class Instance(BASE, SoftDeleteBase):
    __tablename__ = 'instances'
    __table_args__ = (
        sa.Index('instances_project_id_deleted_idx', 'project_id', 'deleted'),
        sa.Index('instances_host_deleted_idx', 'host', 'deleted'),
    )
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=True)
    uuid = sa.Column(sa.String(36), nullable=False, unique=True)
    user_id = sa.Column(sa.String(255))
    project_id = sa.Column(sa.String(255))
    image_ref = sa.Column(sa.String(255))
    display_name = sa.Column(sa.String(255))
    display_description = sa.Column(sa.String(255))
    hostname = sa.Column(sa.String(255))
    host = sa.Column(sa.String(255))
    node = sa.Column(sa.String(255))
    launch_index = sa.Column(sa.Integer)
    key_name = sa.Column(sa.String(255))
    # The public key of key_name when the instance was created: the
    # keypair may be deleted afterwards, the guest keeps its key.
    key_data = sa.Column(sa.Text)
    memory_mb = sa.Column(sa.Integer)
    vcpus = sa.Column(sa.Integer)
    root_gb = sa.Column(sa.Integer)
    ephemeral_gb = sa.Column(sa.Integer)
    instance_type_id = sa.Column(sa.Integer)
    flavor = sa.Column(sa.Text)
    vm_state = sa.Column(sa.String(255))
    task_state = sa.Column(sa.String(255))
    power_state = sa.Column(sa.Integer)
    launched_at = sa.Column(sa.DateTime)
    terminated_at = sa.Column(sa.DateTime)
    availability_zone = sa.Column(sa.String(255))
    config_drive = sa.Column(sa.String(255))
    user_data = sa.Column(sa.Text)
    locked = sa.Column(sa.Boolean, default=False)
    # Who locked the server: its project ('owner') or an admin of another
    # project ('admin'), whose lock only an admin may lift.
    locked_by = sa.Column(sa.Enum('owner', 'admin',
                                  name='instances0locked_by'))
    progress = sa.Column(sa.Integer)
    access_ip_v4 = sa.Column(sa.String(39))
    access_ip_v6 = sa.Column(sa.String(39))
    # OS-DCF:diskConfig: AUTO (True) or MANUAL.
    auto_disk_config = sa.Column(sa.Boolean, default=False,
                                 server_default=sa.false())


class KeyPair(BASE, SoftDeleteBase):
    """A user's SSH public key or x509 certificate, by name."""
    __tablename__ = 'key_pairs'
    __table_args__ = (
        sa.UniqueConstraint('user_id', 'name', 'deleted',
                            name='uniq_key_pairs0user_id0name0deleted'),
    )
    id = sa.Column(sa.Integer, primary_key=True, nullable=False)
    name = sa.Column(sa.String(255), nullable=False)
    user_id = sa.Column(sa.String(255))
    fingerprint = sa.Column(sa.String(255))
    public_key = sa.Column(sa.Text)
    type = sa.Column(sa.Enum('ssh', 'x509', name='keypair_types'),
                     nullable=False, server_default='ssh')


class Tag(BASE, models.ModelBase):
    """A tag of a server (Nova's ``tags``: resource_id is the instance
    uuid). Rows go with the instance when it is deleted."""
    __tablename__ = 'tags'
    __table_args__ = (
        sa.Index('tags_tag_idx', 'tag'),
    )
    resource_id = sa.Column(sa.String(36), primary_key=True, nullable=False)
    tag = sa.Column(sa.Unicode(80), primary_key=True, nullable=False)


class InstanceMetadata(BASE, SoftDeleteBase):
    __tablename__ = 'instance_metadata'
    id = sa.Column(sa.Integer, primary_key=True)
    key = sa.Column(sa.String(255))
    value = sa.Column(sa.String(255))
    instance_uuid = sa.Column(sa.String(36), sa.ForeignKey('instances.uuid'),
                              index=True)


class InstanceSystemMetadata(BASE, NovaBase):
    __tablename__ = 'instance_system_metadata'
    id = sa.Column(sa.Integer, primary_key=True)
    key = sa.Column(sa.String(255), nullable=False)
    value = sa.Column(sa.String(255))
    instance_uuid = sa.Column(sa.String(36), sa.ForeignKey('instances.uuid'),
                              nullable=False, index=True)


class InstanceFault(BASE, NovaBase):
    __tablename__ = 'instance_faults'
    id = sa.Column(sa.Integer, primary_key=True)
    instance_uuid = sa.Column(sa.String(36), sa.ForeignKey('instances.uuid'),
                              index=True)
    code = sa.Column(sa.Integer, nullable=False)
    message = sa.Column(sa.String(255))
    details = sa.Column(sa.Text)
    host = sa.Column(sa.String(255))


class InstanceAction(BASE, NovaBase):
    __tablename__ = 'instance_actions'
    id = sa.Column(sa.Integer, primary_key=True)
    action = sa.Column(sa.String(255))
    instance_uuid = sa.Column(sa.String(36), sa.ForeignKey('instances.uuid'),
                              index=True)
    request_id = sa.Column(sa.String(255))
    user_id = sa.Column(sa.String(255))
    project_id = sa.Column(sa.String(255))
    start_time = sa.Column(sa.DateTime)
    finish_time = sa.Column(sa.DateTime)
    message = sa.Column(sa.String(255))


class InstanceActionEvent(BASE, NovaBase):
    __tablename__ = 'instance_actions_events'
    id = sa.Column(sa.Integer, primary_key=True)
    event = sa.Column(sa.String(255))
    action_id = sa.Column(sa.Integer, sa.ForeignKey('instance_actions.id'),
                          index=True)
    start_time = sa.Column(sa.DateTime)
    finish_time = sa.Column(sa.DateTime)
    result = sa.Column(sa.String(255))
    traceback = sa.Column(sa.Text)
    host = sa.Column(sa.String(255))
    details = sa.Column(sa.Text)


class BlockDeviceMapping(BASE, SoftDeleteBase):
    __tablename__ = 'block_device_mapping'
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36))
    instance_uuid = sa.Column(sa.String(36), sa.ForeignKey('instances.uuid'),
                              index=True)
    source_type = sa.Column(sa.String(255))
    destination_type = sa.Column(sa.String(255))
    guest_format = sa.Column(sa.String(255))
    device_type = sa.Column(sa.String(255))
    disk_bus = sa.Column(sa.String(255))
    boot_index = sa.Column(sa.Integer)
    device_name = sa.Column(sa.String(255))
    delete_on_termination = sa.Column(sa.Boolean, default=False)
    image_id = sa.Column(sa.String(36))
    volume_size = sa.Column(sa.Integer)
    no_device = sa.Column(sa.Boolean)


class RequestSpec(BASE, NovaBase):
    __tablename__ = 'request_specs'
    id = sa.Column(sa.Integer, primary_key=True)
    instance_uuid = sa.Column(sa.String(36), nullable=False, unique=True)
    spec = sa.Column(sa.Text, nullable=False)


class Quota(BASE, NovaBase):
    """Per-project limits overriding the ``[quota]`` defaults."""
    __tablename__ = 'quotas'
    __table_args__ = (
        sa.UniqueConstraint('project_id', 'resource',
                            name='uniq_quotas0project_id0resource'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    project_id = sa.Column(sa.String(255))
    resource = sa.Column(sa.String(255), nullable=False)
    hard_limit = sa.Column(sa.Integer)


class QuotaClass(BASE, NovaBase):
    """A quota class's limit of one resource; the 'default' class's
    override the ``[quota]`` defaults of every project."""
    __tablename__ = 'quota_classes'
    __table_args__ = (
        sa.Index('quota_classes_class_name_idx', 'class_name'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    class_name = sa.Column(sa.String(255))
    resource = sa.Column(sa.String(255))
    hard_limit = sa.Column(sa.Integer)


class FlavorProject(BASE, NovaBase):
    """A project a private flavor is shared with."""
    __tablename__ = 'flavor_projects'
    __table_args__ = (
        sa.UniqueConstraint('flavor_id', 'project_id',
                            name='uniq_flavor_projects0flavor_id0project_id'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    flavor_id = sa.Column(sa.Integer, sa.ForeignKey('flavors.id'),
                          nullable=False)
    project_id = sa.Column(sa.String(255), nullable=False)


class ProjectUserQuota(BASE, NovaBase):
    """Per-user limits within a project, overriding the project's."""
    __tablename__ = 'project_user_quotas'
    __table_args__ = (
        sa.UniqueConstraint(
            'user_id', 'project_id', 'resource',
            name='uniq_project_user_quotas0user_id0project_id0resource'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    project_id = sa.Column(sa.String(255), nullable=False)
    user_id = sa.Column(sa.String(255), nullable=False)
    resource = sa.Column(sa.String(255), nullable=False)
    hard_limit = sa.Column(sa.Integer)


class InstanceInfoCache(BASE, NovaBase):
    """The instance's network_info as Nova caches it (JSON)."""
    __tablename__ = 'instance_info_caches'
    id = sa.Column(sa.Integer, primary_key=True)
    instance_uuid = sa.Column(sa.String(36), sa.ForeignKey('instances.uuid'),
                              nullable=False, unique=True)
    network_info = sa.Column(sa.Text)


# The network service's tables, after Neutron's: a network has subnets,
# a port is on a network and holds IP allocations in its subnets.

class Network(BASE, NovaBase):
    __tablename__ = 'networks'
    __table_args__ = (
        sa.UniqueConstraint('bridge', name='uniq_networks0bridge'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False, unique=True)
    name = sa.Column(sa.String(255))
    project_id = sa.Column(sa.String(255))
    shared = sa.Column(sa.Boolean, nullable=False, default=True)
    bridge = sa.Column(sa.String(15), nullable=False)
    mtu = sa.Column(sa.Integer)


class Subnet(BASE, NovaBase):
    __tablename__ = 'subnets'
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False, unique=True)
    network_id = sa.Column(sa.String(36), sa.ForeignKey('networks.uuid'),
                           nullable=False, index=True)
    ip_version = sa.Column(sa.Integer, nullable=False, default=4)
    cidr = sa.Column(sa.String(64), nullable=False)
    gateway_ip = sa.Column(sa.String(64))
    dns_nameservers = sa.Column(sa.Text)  # comma-separated
    enable_dhcp = sa.Column(sa.Boolean, nullable=False, default=True)


class Port(BASE, NovaBase):
    __tablename__ = 'ports'
    __table_args__ = (
        sa.UniqueConstraint('network_id', 'mac_address',
                            name='uniq_ports0network_id0mac_address'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False, unique=True)
    name = sa.Column(sa.String(255))
    network_id = sa.Column(sa.String(36), sa.ForeignKey('networks.uuid'),
                           nullable=False, index=True)
    project_id = sa.Column(sa.String(255))
    mac_address = sa.Column(sa.String(32), nullable=False)
    device_id = sa.Column(sa.String(255), index=True)
    device_owner = sa.Column(sa.String(255))
    binding_host_id = sa.Column(sa.String(255))
    status = sa.Column(sa.String(16), nullable=False)
    admin_state_up = sa.Column(sa.Boolean, nullable=False, default=True)


class IPAllocation(BASE, NovaBase):
    """One fixed IP of a port. The unique constraint is what makes two
    ports holding one address impossible, whatever the callers do."""
    __tablename__ = 'ip_allocations'
    __table_args__ = (
        sa.UniqueConstraint('subnet_id', 'ip_address',
                            name='uniq_ip_allocations0subnet_id0ip_address'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    port_id = sa.Column(sa.String(36),
                        sa.ForeignKey('ports.uuid', ondelete='CASCADE'),
                        nullable=False, index=True)
    subnet_id = sa.Column(sa.String(36), sa.ForeignKey('subnets.uuid'),
                          nullable=False)
    network_id = sa.Column(sa.String(36), sa.ForeignKey('networks.uuid'),
                           nullable=False)
    ip_address = sa.Column(sa.String(64), nullable=False)


class InstanceGroup(BASE, NovaBase):
    """A server group: its policy and rules (Nova's API database)."""
    __tablename__ = 'instance_groups'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_instance_groups0uuid'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False)
    name = sa.Column(sa.String(255))
    user_id = sa.Column(sa.String(255))
    project_id = sa.Column(sa.String(255))
    policy = sa.Column(sa.String(255), nullable=False)
    # JSON object, e.g. {"max_server_per_host": 2}
    rules = sa.Column(sa.Text)


class InstanceGroupMember(BASE, NovaBase):
    __tablename__ = 'instance_group_member'
    __table_args__ = (
        sa.UniqueConstraint('group_id', 'instance_uuid',
                            name='uniq_instance_group_member0group_id0'
                                 'instance_uuid'),
        sa.Index('instance_group_member_instance_idx', 'instance_uuid'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    group_id = sa.Column(sa.Integer, sa.ForeignKey('instance_groups.id'),
                         nullable=False)
    instance_uuid = sa.Column(sa.String(36), nullable=False)


class Aggregate(BASE, NovaBase):
    __tablename__ = 'aggregates'
    __table_args__ = (
        sa.UniqueConstraint('uuid', name='uniq_aggregates0uuid'),
        sa.UniqueConstraint('name', name='uniq_aggregates0name'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = sa.Column(sa.String(36), nullable=False)
    name = sa.Column(sa.String(255), nullable=False)


class AggregateHost(BASE, NovaBase):
    __tablename__ = 'aggregate_hosts'
    __table_args__ = (
        sa.UniqueConstraint('host', 'aggregate_id',
                            name='uniq_aggregate_hosts0host0aggregate_id'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    aggregate_id = sa.Column(sa.Integer, sa.ForeignKey('aggregates.id'),
                             nullable=False)
    host = sa.Column(sa.String(255), nullable=False)


class AggregateMetadata(BASE, NovaBase):
    __tablename__ = 'aggregate_metadata'
    __table_args__ = (
        sa.UniqueConstraint('aggregate_id', 'key',
                            name='uniq_aggregate_metadata0aggregate_id0key'),
    )
    id = sa.Column(sa.Integer, primary_key=True)
    aggregate_id = sa.Column(sa.Integer, sa.ForeignKey('aggregates.id'),
                             nullable=False)
    key = sa.Column(sa.String(255), nullable=False)
    value = sa.Column(sa.String(255), nullable=False)
