"""The client address django-axes records (``AXES_CLIENT_IP_CALLABLE``)."""

import ipaddress

from core.protection import client_address


def client_ip(request):
    """The forms' rule (``TRUSTED_PROXY_COUNT``), kept only if it is an IP address.

    axes stores it in a ``GenericIPAddressField``: PostgreSQL refuses anything else, so a
    forwarded header with junk in it, or a request without an address, records none.
    """
    address = client_address(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
