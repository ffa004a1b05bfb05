# The application machines behind the cache and the addresses allowed to purge it; included
# by default.vcl. Add one backend per machine running gunicorn (deploy/README.md, step 7).

backend app1 {
    .host = "127.0.0.1";
    .port = "8001";
    .probe = app_health;
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

# A second application machine:
# backend app2 {
#     .host = "10.10.0.12";
#     .port = "8001";
#     .probe = app_health;
#     .connect_timeout = 2s;
#     .first_byte_timeout = 30s;
# }

# The application machines (they purge when pages are published). Never the address nginx
# connects from unless nginx refuses PURGE and BAN itself (deploy/nginx/kienluong.conf does).
acl purgers {
    "127.0.0.1";
    "::1";
    # "10.10.0.12";
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
    # app.add_backend(app2);
}
