// A local OpenID provider for the company sign-in tests (tests/sso/conftest.py).
// oidc-provider's own development sign-in pages: any login name is accepted
// (no password check); the account's e-mail is the login name, verified unless
// the name starts with "unverified"; a name starting with "mfa" gets an `amr`
// naming a second factor. Usage:
//   PORT=… CLIENT_ID=… CLIENT_SECRET=… REDIRECT_URIS=uri1,uri2 node provider.mjs
import Provider from "oidc-provider";

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;

const configuration = {
  clients: [
    {
      client_id: process.env.CLIENT_ID,
      client_secret: process.env.CLIENT_SECRET,
      redirect_uris: process.env.REDIRECT_URIS.split(","),
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  claims: {
    openid: ["sub", "amr"],
    email: ["email", "email_verified"],
    profile: ["given_name", "family_name", "name", "department", "job_title"],
  },
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => false },
  cookies: { keys: ["test-only-cookie-key"] },
  async findAccount(ctx, id) {
    const email = id.includes("@") ? id : `${id}@example.test`;
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email,
          email_verified: !id.startsWith("unverified"),
          given_name: "Prova",
          family_name: "Aziendale",
          name: "Prova Aziendale",
          department: "Assistenza clienti",
          job_title: "Operatore",
        };
      },
    };
  },
};

const provider = new Provider(issuer, configuration);
provider.on("server_error", (ctx, err) => console.error(err));
// A login name starting with "mfa" signs in as if with a second factor: the ID
// token's `amr` says so (RFC 8176), as Entra ID's and Google's do.
const interactionFinished = provider.interactionFinished.bind(provider);
provider.interactionFinished = (req, res, result, options) => {
  if (result.login && result.login.accountId.startsWith("mfa")) {
    result.login.amr = ["pwd", "mfa"];
  }
  return interactionFinished(req, res, result, options);
};
provider.listen(port, "127.0.0.1", () => {
  console.log(`ready ${issuer}`);
});
