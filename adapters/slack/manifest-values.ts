/** Names shared by the code and the app manifest (test/slack-manifest.test.ts keeps them in step). */
export const slackCommandName = '/calves';
