// Loaded before <base>: "/field" without its slash would resolve every relative URL against the web root.
if (location.pathname === '/field') location.replace('/field/' + location.search);
