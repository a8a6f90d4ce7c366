// Points the real SDK at the fake through the SDK's own variables (AWS_ENDPOINT_URL): the client
// factory passes no endpoint, so this is also what proves users' endpoint overrides work. The
// region is deliberately not us-east-1, to prove nothing assumes IAM's global signing region.
// Every other AWS_* variable is cleared so a developer's own profile or keys never leak in.
//
// S3 Control is the exception the SDK forces: its endpoint rules put the account id in front of
// any custom endpoint's host (`http://123456789012.127.0.0.1:port`, not a URL). So S3 Control is
// pointed at `localhost` instead, and while the fake is in use this process resolves every
// `*.localhost` name to 127.0.0.1 (getaddrinfo does not, on most Linux systems).
import dns from 'node:dns';

export const TEST_REGION = 'eu-west-1';

const FAKE_ACCESS_KEY_ID = 'AKIAFAKEKEYFORTESTS0';

/** Replaces the AWS_* environment; returns a function that puts the previous one back. */
export function useFakeAwsEnvironment(endpointUrl: string | undefined, region = TEST_REGION): () => void {
  const restoreLookup = resolveLocalhostSubdomains();
  const saved = Object.fromEntries(Object.entries(process.env).filter(([key]) => key.startsWith('AWS_')));
  for (const key of Object.keys(saved)) delete process.env[key];
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: FAKE_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: 'fake-secret-access-key',
    AWS_REGION: region,
    // No instance-metadata probing and no shared files from the developer's machine.
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent/iamspect-tests/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/iamspect-tests/credentials',
    ...(endpointUrl
      ? {
          AWS_ENDPOINT_URL: endpointUrl,
          AWS_ENDPOINT_URL_S3_CONTROL: endpointUrl.replace('//127.0.0.1:', '//localhost:'),
        }
      : {}),
  });
  return () => {
    restoreLookup();
    for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
    Object.assign(process.env, saved);
  };
}

/** Makes `dns.lookup` (which node:net calls) answer `<anything>.localhost` with 127.0.0.1. */
function resolveLocalhostSubdomains(): () => void {
  const original = dns.lookup;
  const lookup = (hostname: string, ...rest: unknown[]) =>
    (original as (...args: unknown[]) => void)(
      hostname.endsWith('.localhost') ? '127.0.0.1' : hostname,
      ...rest,
    );
  dns.lookup = lookup as typeof dns.lookup;
  return () => {
    dns.lookup = original;
  };
}
