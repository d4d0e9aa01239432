// cbor-x requires this inside try/catch and falls back to pure JS when it throws.
throw new Error("cbor-extract is disabled in Kehila's dev tools (pure-JS CBOR is used)");
