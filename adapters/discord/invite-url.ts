/**
 * The OAuth2 URL that adds calfbot to a server: scopes `bot` (so members can DM it) and
 * `applications.commands` (for /calves), and no permissions at all: interaction replies and DMs
 * need none.
 */
export function inviteUrl(applicationId: string): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    scope: 'bot applications.commands',
    permissions: '0',
  });
  return `https://discord.com/oauth2/authorize?${params.toString().replace(/\+/g, '%20')}`;
}
