"""The nova metadata block of a domain (``<metadata><nova:instance>``):
which instance, flavor, owner and image a domain belongs to, so tools
reading libvirt (and a restarted compute) can tell."""

import calendar
import time

from nova_lite.virt.libvirt.config_base import int_or_none
from nova_lite.virt.libvirt.config_base import LibvirtConfigObject

# The namespace of the <metadata> block the driver leaves in every domain.
NOVA_NS = 'http://openstack.org/xmlns/libvirt/nova/1.0'


class LibvirtConfigGuestMetaNovaFlavor(LibvirtConfigObject):

    _FIELDS = ('memory', 'disk', 'swap', 'ephemeral', 'vcpus')

    def __init__(self):
        super().__init__(root_name='flavor', ns_prefix='nova',
                         ns_uri=NOVA_NS)
        self.name = None
        self.memory = self.disk = self.swap = None
        self.ephemeral = self.vcpus = None

    def format_dom(self):
        meta = self._new_node('flavor', name=self.name)
        for field in self._FIELDS:
            meta.append(self._text_node(field, getattr(self, field)))
        return meta

    def parse_dom(self, xmldoc):
        super().parse_dom(xmldoc)
        self.name = xmldoc.get('name')
        for field in self._FIELDS:
            setattr(self, field, int_or_none(xmldoc.findtext(
                self._tag(field))))


class LibvirtConfigGuestMetaNovaOwner(LibvirtConfigObject):

    def __init__(self):
        super().__init__(root_name='owner', ns_prefix='nova',
                         ns_uri=NOVA_NS)
        self.userid = self.username = None
        self.projectid = self.projectname = None

    def format_dom(self):
        meta = self._new_node('owner')
        meta.append(self._text_node('user', self.username, uuid=self.userid))
        meta.append(self._text_node('project', self.projectname,
                                    uuid=self.projectid))
        return meta

    def parse_dom(self, xmldoc):
        super().parse_dom(xmldoc)
        user = xmldoc.find(self._tag('user'))
        project = xmldoc.find(self._tag('project'))
        if user is not None:
            self.userid, self.username = user.get('uuid'), user.text
        if project is not None:
            self.projectid, self.projectname = project.get('uuid'), \
                project.text


class LibvirtConfigGuestMetaNovaInstance(LibvirtConfigObject):
    """<nova:instance>: which instance, flavor, owner and image this is."""

    def __init__(self):
        super().__init__(root_name='instance', ns_prefix='nova',
                         ns_uri=NOVA_NS)
        self.package = None
        self.name = None
        self.creationTime = None
        self.flavor = None
        self.owner = None
        self.roottype = None
        self.rootid = None

    def format_dom(self):
        meta = self._new_node('instance')
        meta.append(self._new_node('package', version=self.package))
        if self.name is not None:
            meta.append(self._text_node('name', self.name))
        if self.creationTime is not None:
            stamp = time.strftime('%Y-%m-%d %H:%M:%S',
                                  time.gmtime(self.creationTime))
            meta.append(self._text_node('creationTime', stamp))
        for child in (self.flavor, self.owner):
            if child is not None:
                meta.append(child.format_dom())
        if self.roottype is not None:
            meta.append(self._new_node('root', type=self.roottype,
                                       uuid=self.rootid))
        return meta

    def parse_dom(self, xmldoc):
        super().parse_dom(xmldoc)
        package = xmldoc.find(self._tag('package'))
        self.package = None if package is None else package.get('version')
        self.name = xmldoc.findtext(self._tag('name'))
        stamp = xmldoc.findtext(self._tag('creationTime'))
        if stamp is not None:
            self.creationTime = calendar.timegm(
                time.strptime(stamp, '%Y-%m-%d %H:%M:%S'))
        for attr, cls in (('flavor', LibvirtConfigGuestMetaNovaFlavor),
                          ('owner', LibvirtConfigGuestMetaNovaOwner)):
            node = xmldoc.find(self._tag(attr))
            if node is not None:
                setattr(self, attr, cls())
                getattr(self, attr).parse_dom(node)
        root = xmldoc.find(self._tag('root'))
        if root is not None:
            self.roottype, self.rootid = root.get('type'), root.get('uuid')
