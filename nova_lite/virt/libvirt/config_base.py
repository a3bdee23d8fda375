"""The base of every libvirt config object.

It lives apart from config.py so that config.py (the domain), its
devices (config_devices.py) and the nova metadata (config_meta.py) can all
derive from it without importing each other in a circle; config.py
re-exports it as ``LibvirtConfigObject``.
"""

from lxml import etree

from nova_lite import exception


def int_or_none(value):
    return None if value is None else int(value)


def yes_no(value):
    """libvirt's spelling of an optional boolean attribute."""
    if value is None:
        return None
    return 'yes' if value else 'no'


def on_off(value):
    """The same, for attributes libvirt spells ``on``/``off``."""
    if value is None:
        return None
    return 'on' if value else 'off'


def parse_bool(value):
    """An optional boolean attribute, in either spelling."""
    return None if value is None else value in ('yes', 'on')


class LibvirtConfigObject:
    """Base of all config objects: an element name, maybe in a namespace.

    A subclass writes itself with ``format_dom`` and reads itself back with
    ``parse_dom``; what it reads is what it wrote.
    """

    def __init__(self, root_name, ns_prefix=None, ns_uri=None):
        self.root_name = root_name
        self.ns_prefix = ns_prefix
        self.ns_uri = ns_uri

    def _tag(self, name):
        if self.ns_uri is None:
            return name
        return '{%s}%s' % (self.ns_uri, name)

    def _new_node(self, tag, /, **attrs):
        if self.ns_uri is None:
            node = etree.Element(tag)
        else:
            node = etree.Element(self._tag(tag),
                                 nsmap={self.ns_prefix: self.ns_uri})
        for key, value in attrs.items():
            if value is not None:
                node.set(key, str(value))
        return node

    def _text_node(self, tag, value, /, **attrs):
        node = self._new_node(tag, **attrs)
        if value is not None:
            node.text = str(value)
        return node

    def format_dom(self):
        return self._new_node(self.root_name)

    def parse_dom(self, xmldoc):
        if xmldoc.tag != self._tag(self.root_name):
            raise exception.InternalError(
                err='Expected <%s>, got <%s>' % (self.root_name, xmldoc.tag))

    def to_xml(self, pretty_print=True):
        return etree.tostring(self.format_dom(), encoding='unicode',
                              pretty_print=pretty_print)

    def parse_str(self, xmlstr):
        self.parse_dom(etree.fromstring(xmlstr))
        return self
