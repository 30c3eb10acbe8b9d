"""工会文明创建工作平台 — the Gonghui platform."""
