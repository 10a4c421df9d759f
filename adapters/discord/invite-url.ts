/**
 * The OAuth2 install links. To a server (`integration_type=0`): scopes `bot` (so members can DM
 * it) and `applications.commands` (for /calves), and no permissions at all: interaction replies
 * and DMs need none. To a person's own account (`integration_type=1`): `applications.commands`
 * only; /calves then works in any server, DM or group DM, with no bot in it.
 */
const authorize = (params: Record<string, string>): string =>
  `https://discord.com/oauth2/authorize?${new URLSearchParams(params).toString().replace(/\+/g, '%20')}`;

export function inviteUrl(applicationId: string): string {
  return authorize({
    client_id: applicationId,
    scope: 'bot applications.commands',
    permissions: '0',
    integration_type: '0',
  });
}

export function userInstallUrl(applicationId: string): string {
  return authorize({ client_id: applicationId, scope: 'applications.commands', integration_type: '1' });
}
