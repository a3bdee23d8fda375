"""nova-lite's versioned objects; ``register_all()`` imports them so they
are reachable as ``nova_lite.objects.<Name>``."""


def register_all():
    __import__('nova_lite.objects.aggregate')
    __import__('nova_lite.objects.block_device')
    __import__('nova_lite.objects.compute_node')
    __import__('nova_lite.objects.flavor')
    __import__('nova_lite.objects.image')
    __import__('nova_lite.objects.image_meta')
    __import__('nova_lite.objects.instance')
    __import__('nova_lite.objects.instance_action')
    __import__('nova_lite.objects.instance_fault')
    __import__('nova_lite.objects.instance_group')
    __import__('nova_lite.objects.instance_info_cache')
    __import__('nova_lite.objects.keypair')
    __import__('nova_lite.objects.network')
    __import__('nova_lite.objects.network_request')
    __import__('nova_lite.objects.port')
    __import__('nova_lite.objects.quotas')
    __import__('nova_lite.objects.request_spec')
    __import__('nova_lite.objects.resource_provider')
    __import__('nova_lite.objects.selection')
    __import__('nova_lite.objects.service')
    __import__('nova_lite.objects.tag')
