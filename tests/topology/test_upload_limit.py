"""A request over nginx's upload limit (60 MB, deploy/nginx/kienluong.conf) is answered in
Vietnamese, not with nginx's English page; nothing reaches the site."""

import socket
from urllib.parse import urlparse

import pytest

from radio.models import Submission

TOO_LARGE = 61 * 1024 * 1024


def post_headers_only(site_url, path, length):
    """Announce a body of `length` bytes and send none: nginx answers from the headers."""
    address = urlparse(site_url)
    with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
        connection.sendall(
            f"POST {path} HTTP/1.1\r\nHost: {address.netloc}\r\n"
            "Content-Type: multipart/form-data; boundary=x\r\n"
            f"Content-Length: {length}\r\nConnection: close\r\n\r\n".encode()
        )
        answer = b""
        while b"</html>" not in answer:
            chunk = connection.recv(65536)
            if not chunk:
                break
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    return head.decode("latin-1"), body.decode()


@pytest.mark.django_db(transaction=True)
def test_a_submission_over_60_mb_gets_the_vietnamese_413_page(cached_site):
    head, body = post_headers_only(cached_site.site_url, "/reader/radio/gui-tin-bai/", TOO_LARGE)
    assert head.startswith("HTTP/1.1 413")
    assert "Tệp gửi lên quá lớn" in body and "60 MB" in body
    assert not Submission.objects.exists()
