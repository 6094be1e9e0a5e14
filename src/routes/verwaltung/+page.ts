// The back office works with the visitor's session cookie in the browser; nothing to render on the server.
export const ssr = false;
