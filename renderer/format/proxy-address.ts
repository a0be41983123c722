/** "proxy.corp:3128" (IPv6 in brackets), as the user's IT names it. */
export function proxyAddress(proxy: { host: string; port: number }): string {
  const host = proxy.host.includes(':') ? `[${proxy.host}]` : proxy.host;
  return `${host}:${proxy.port}`;
}
