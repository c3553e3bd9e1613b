// Preloaded (node --import) into a child process whose memory a test bounds: on exit it prints
// the process's peak resident set size to stderr, as `peak-rss-bytes N`.
process.once('exit', () => process.stderr.write(`peak-rss-bytes ${process.resourceUsage().maxRSS * 1024}\n`));
