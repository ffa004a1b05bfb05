"""Whole-site benchmarks (`make bench`): they read every app's pages, so they live above the
apps, not in the site package. Per-app benchmarks stay in their app (news.bench, search.bench)."""
