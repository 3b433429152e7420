/**
 * The server side of connecting a marketplace through its consent page (OAuth 2 authorisation
 * code): `start` answers the URL the seller's browser opens, `finish` takes the channel's redirect
 * back, swaps the code for a refresh token and connects like a pasted token would.
 *
 * Nothing is kept between the two: the flow's `state` is the sealed (AES-GCM, `SECRETS_KEY`)
 * record of who started it, for which channel, with which app credentials and PKCE verifier,
 * and until when. A state that does not open, or has run out, connects nothing.
 *
 *   device --POST authorize--> server --url--> browser --consent--> channel
 *   channel --302 ?code&state--> GET callback --exchange code--> connect --302--> /settings
 */
import type { ChannelId } from '../../src/core/channels/carriers.ts';
import { isChannelId } from '../../src/core/channels/carriers.ts';
import { ChannelError, type ChannelAdapter } from './adapter.ts';
import { pkcePair } from './oauth.ts';
import type { SecretBox } from './secrets.ts';

/** How long a consent may take before its state is refused. */
export const AUTHORIZATION_TTL_MS = 15 * 60_000;
const STATE_CONTEXT = 'channel-authorization';

interface State {
  seller: string;
  channel: ChannelId;
  shop: string;
  app: Record<string, string>;
  verifier: string;
  until: number;
}

export type FinishResult =
  | { ok: true; channel: ChannelId; sellerId: string; shop: string; input: Record<string, string> }
  /** `state`: not sealed by this server; `expired`: sealed, but the consent took too long. */
  | { ok: false; code: 'state' | 'expired' | 'denied' | 'auth' | 'unavailable' };

export interface Authorizations {
  /** The consent URL, or null when the channel has no such flow or `app` lacks what it needs. */
  start(
    sellerId: string,
    channel: string,
    shop: string,
    app: Record<string, string>,
    redirectUri: string,
  ): string | null;
  /** Reads the callback; on success, the secrets input to connect with. */
  finish(query: Record<string, string>, redirectUri: string): Promise<FinishResult>;
}

export function createAuthorizations(deps: {
  secrets: SecretBox;
  adapters: Partial<Record<ChannelId, ChannelAdapter<never>>>;
  now: () => Date;
}): Authorizations {
  return {
    start(sellerId, channel, shop, app, redirectUri) {
      if (!isChannelId(channel)) return null;
      const flow = deps.adapters[channel]?.authorization;
      if (!flow) return null;
      const { verifier, challenge } = pkcePair();
      const state: State = {
        seller: sellerId,
        channel,
        shop,
        app,
        verifier,
        until: deps.now().getTime() + AUTHORIZATION_TTL_MS,
      };
      return flow.authorizeUrl(app, {
        redirectUri,
        state: deps.secrets.seal(state, STATE_CONTEXT),
        codeChallenge: challenge,
      });
    },

    async finish(query, redirectUri) {
      let state: State;
      try {
        state = deps.secrets.open<State>(query['state'] ?? '', STATE_CONTEXT);
      } catch {
        return { ok: false, code: 'state' };
      }
      if (!(state.until > deps.now().getTime())) return { ok: false, code: 'expired' };
      const flow = deps.adapters[state.channel]?.authorization;
      if (!flow) return { ok: false, code: 'state' };
      const code = query[flow.codeParam];
      // The seller said no (`error=access_denied`), or the channel sent no code.
      if (code === undefined || code === '') return { ok: false, code: 'denied' };
      try {
        const input = await flow.exchange(
          state.app,
          { code, redirectUri, codeVerifier: state.verifier },
          deps.now(),
        );
        return { ok: true, channel: state.channel, sellerId: state.seller, shop: state.shop, input };
      } catch (error) {
        if (error instanceof ChannelError)
          return {
            ok: false,
            code: error.kind === 'auth' || error.kind === 'refused' ? 'auth' : 'unavailable',
          };
        throw error;
      }
    },
  };
}
