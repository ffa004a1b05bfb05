vcl 4.1;
# The front cache of the news site (deploy/README.md; what is purged when: docs/caching.md).
# Readers' pages are the same for every reader and come from here; editors, logged-in users,
# the admin and every POST go straight to the application.

import directors;
import std;

# How the cache checks that an application machine answers.
probe app_health {
    # The name must be in DJANGO_ALLOWED_HOSTS (localhost is by default); the probe speaks
    # for nginx's HTTPS, or production's redirect to HTTPS would answer 301.
    .request = "HEAD /robots.txt HTTP/1.1"
        "Host: localhost"
        "X-Forwarded-Proto: https"
        "User-Agent: varnish-health"
        "Connection: close";
    .interval = 2s;
    .timeout = 3s;
    .window = 5;
    .threshold = 3;
}

# The application machines and who may purge: edited per deployment.
include "backends.vcl";

sub vcl_recv {
    # Purges sent by the application when pages change (website/frontend_cache.py).
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        return (purge);
    }
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (!req.http.X-Ban-Url) {
            return (synth(400, "X-Ban-Url is missing"));
        }
        # On the stored copy's own headers, so that the ban lurker can clear them in the
        # background (the headers are removed before delivery, see vcl_deliver).
        ban("obj.http.X-Host == " + req.http.host + " && obj.http.X-Url ~ " + req.http.X-Ban-Url);
        return (synth(200, "Banned"));
    }

    set req.backend_hint = app.backend();
    # While the application answers, a copy past its lifetime is served for at most this long
    # while a fresh one is fetched; when it does not, for as long as the copy is kept.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 2m;
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|documents|search|reader)(/|\?|$)") {
        return (pass);
    }
    # A session: a logged-in editor (their pages show the editing bar), or a reader who
    # unlocked a password-protected page.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=" || req.http.Authorization) {
        return (pass);
    }
    # Links shared on Facebook and Zalo carry a tracking parameter unique to each click; the
    # page is the same without it.
    if (req.url ~ "[?&](fbclid|gclid|zarsrc|utm_[a-z]+)=") {
        set req.url = regsuball(req.url, "(?<=[?&])(fbclid|gclid|zarsrc|utm_[a-z]+)=[^&]*&?", "");
        set req.url = regsub(req.url, "[?&]+$", "");
    }
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # What a ban matches on (see vcl_recv).
    set beresp.http.X-Url = bereq.url;
    set beresp.http.X-Host = bereq.http.host;
    set beresp.http.X-Served-By = beresp.backend.name;
    # The lifetime comes from the application's Cache-Control (s-maxage); a copy is then kept
    # to be served stale when the application is slow or down, and to be revalidated with its
    # ETag (a 304 from the application costs no page transfer).
    set beresp.grace = 6h;
    set beresp.keep = 1d;
    # Varnish's built-in rules follow: a Set-Cookie, private or no-store answer is not stored.
}

sub vcl_deliver {
    unset resp.http.X-Url;
    unset resp.http.X-Host;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
