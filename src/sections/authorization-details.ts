// authorizationDetails: every user, group, role and managed policy with their policies, from
// GetAccountAuthorizationDetails at 1,000 entities a page. One call per thousand principals instead
// of several per principal is what keeps large accounts fast and under IAM's throttling limits.
// Each entity type is paged in its own chain (Filter), and the chains run side by side: a large
// page takes IAM seconds to build, and waiting for 20 of them one after another is most of a
// large account's collection time. Documents arrive URL-encoded; normalizeAuthorizationDetails
// decodes them (decodeURIComponent, never a form decoder).
import type { EntityType } from '@aws-sdk/client-iam';
import { GetAccountAuthorizationDetailsCommand } from '@aws-sdk/client-iam';
import { normalizeAuthorizationDetails } from '../snapshot/authorization-details.js';
import type { SectionCollector } from '../collect/collector.js';
import { allPages, MAX_ITEMS } from '../collect/collector.js';

/** Every entity type, in snapshot order. AWS managed policies are listed only while attached. */
const ENTITY_TYPES: readonly EntityType[] = [
  'User',
  'Group',
  'Role',
  'LocalManagedPolicy',
  'AWSManagedPolicy',
];

export const authorizationDetailsCollector: SectionCollector<'authorizationDetails'> = {
  section: 'authorizationDetails',
  async collect({ clients, progress }) {
    let pagesSoFar = 0;
    const onPage = () => {
      pagesSoFar += 1;
      progress.update('authorizationDetails', `${pagesSoFar} pages`);
    };
    // allSettled: when one chain fails, the others still finish before the error is reported, so
    // no request is left in flight once the section is done.
    const chains = await Promise.allSettled(
      ENTITY_TYPES.map((type) =>
        allPages(
          (Marker) =>
            clients.iam.send(
              new GetAccountAuthorizationDetailsCommand({ Filter: [type], MaxItems: MAX_ITEMS, Marker }),
            ),
          onPage,
        ),
      ),
    );
    const failed = chains.find((chain) => chain.status === 'rejected');
    if (failed) throw failed.reason;
    const pages = chains.flatMap((chain) => (chain.status === 'fulfilled' ? chain.value : []));
    return normalizeAuthorizationDetails(pages, 'iam:GetAccountAuthorizationDetails response');
  },
};
