import { Aws, Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import {
  AccountRecovery, ClientAttributes, FeaturePlan, Mfa, OAuthScope, ResourceServerScope, StandardThreatProtectionMode,
  StringAttribute, UserPool, type UserPoolClient, type UserPoolDomain, type UserPoolResourceServer,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { CLAIMS, REPORTING_SCOPE, RESOURCE_SERVER } from '#schemas/access.ts';

/** `custom:role` → `role`: the user pool declares custom attributes without their prefix. */
const customName = (claim: string): string => claim.replace(/^custom:/, '');

/** The custom attribute names of CLAIMS, as the pool declares them (`role`, `region`, `ministerId`). */
export const CUSTOM_ATTRIBUTES = Object.values(CLAIMS).map(customName);

/** `xiajiceng/summary.read` → `summary.read`: the scope's name within its resource server. */
const REPORTING_SCOPE_NAME = REPORTING_SCOPE.slice(RESOURCE_SERVER.length + 1);

/** Token lifetimes of the app clients: a stolen ID or access token is worth an hour at most. */
export const TOKEN_VALIDITY = { idToken: Duration.hours(1), accessToken: Duration.hours(1), refreshToken: Duration.days(30) } as const;

/** The password policy (cdk-nag COG1 asks for ≥ 8 characters with upper case, digits and symbols). */
export const PASSWORD_POLICY = {
  minLength: 12,
  requireLowercase: true,
  requireUppercase: true,
  requireDigits: true,
  requireSymbols: true,
  tempPasswordValidity: Duration.days(3),
} as const;

/** What the web client may ask for; the site's `/config.json` lists them for the pages' sign-in. */
export const WEB_CLIENT_SCOPES = [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE] as const;

/**
 * The address of a Cognito prefix domain (as `UserPoolDomain.baseUrl()` gives it), for a stack that
 * must know it before the sign-in stack exists (the site's CSP).
 */
export const cognitoDomainUrl = (domainPrefix: string): string => `https://${domainPrefix}.auth.${Aws.REGION}.amazoncognito.com`;

/** Cognito refuses prefix domains containing these words. */
const RESERVED_IN_PREFIX = /aws|amazon|cognito/;

export interface SignInProps {
  /**
   * The prefix of the Cognito domain (`<prefix>.auth.<region>.amazoncognito.com`), which serves the
   * sign-in pages and the token endpoint. Unique per region across all AWS accounts.
   */
  domainPrefix: string;
  /** Where the sign-in pages may send the web front end back to (authorization-code flow). */
  callbackUrls: readonly string[];
}

/**
 * Who may sign in: the user pool of officials (created by admins, no self sign-up), the web app
 * client whose ID tokens the forms send to the API, and the machine-to-machine client of reporting
 * clients (client credentials, the reporting scope only).
 */
export class SignIn extends Construct {
  readonly userPool: UserPool;
  readonly webClient: UserPoolClient;
  readonly reportingClient: UserPoolClient;
  readonly resourceServer: UserPoolResourceServer;
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: SignInProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.domainPrefix) && (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(props.domainPrefix) || RESERVED_IN_PREFIX.test(props.domainPrefix))) {
      throw new Error(`cognitoDomainPrefix ${JSON.stringify(props.domainPrefix)}: 1–63 lower-case letters, digits and inner hyphens, without "aws", "amazon" or "cognito"`);
    }

    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: 'xiajiceng',
      // Admins create every account (admin-create-user); nobody signs themselves up.
      selfSignUpEnabled: false,
      // Officials sign in with the id they are given; the e-mail address is optional (recovery only).
      signInAliases: { username: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: false, mutable: true } },
      // Mutable so that an admin can move someone to another role, region or minister
      // (admin-update-user-attributes); users cannot write them (see the web client's writeAttributes).
      // No length limits: they can never be changed on an existing pool, and the API checks the values.
      customAttributes: Object.fromEntries(CUSTOM_ATTRIBUTES.map((name) => [name, new StringAttribute({ mutable: true })])),
      autoVerify: { email: true },
      keepOriginal: { email: true },
      passwordPolicy: PASSWORD_POLICY,
      // TOTP (an authenticator app) only. No SMS: it needs an SNS origination identity and spend limit
      // per account, messages to Chinese numbers go through SNS's international routes (slow, costly,
      // often filtered), and SMS codes can be intercepted (SIM swap); no e-mail codes either, since
      // most officials have no e-mail address in the pool.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false, email: false },
      // No self-service reset by SMS; with a verified e-mail a user may reset their own password,
      // otherwise an admin sets a temporary one (admin-set-user-password).
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus tier: threat protection (compromised-credential checks, adaptive authentication) in
      // full-function mode, which blocks risky sign-ins rather than only reporting them.
      // Synthesizes UserPoolTier PLUS (cdk-nag COG8) and UserPoolAddOns.AdvancedSecurityMode ENFORCED.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      // The pool holds the people: a deleted stack or a replacement leaves it in place, and nobody
      // deletes it by accident (deletion protection must be switched off first).
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // The sign-in pages (for the web client's authorization-code flow) and the token endpoint
    // (for the reporting clients' client-credentials flow) live on this domain.
    this.domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.domainPrefix } });

    const summaryRead = new ResourceServerScope({ scopeName: REPORTING_SCOPE_NAME, scopeDescription: 'Read the summaries and their history' });
    this.resourceServer = this.userPool.addResourceServer('ResourceServer', {
      identifier: RESOURCE_SERVER,
      userPoolResourceServerName: 'xiajiceng reporting API',
      scopes: [summaryRead],
    });

    // The forms: a public client (a browser keeps no secret) signing in with SRP or through the
    // sign-in pages with the authorization-code flow (the front end sends a PKCE challenge, which
    // Cognito verifies whenever one was sent). Its ID tokens (aud = this client) go to the API.
    this.webClient = this.userPool.addClient('WebClient', {
      userPoolClientName: 'xiajiceng-web',
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [...WEB_CLIENT_SCOPES],
        callbackUrls: [...props.callbackUrls],
        logoutUrls: [...props.callbackUrls],
      },
      // What goes into the ID token: the custom attributes the API decides on, and the contact.
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, locale: true })
        .withCustomAttributes(...CUSTOM_ATTRIBUTES),
      // What a signed-in user may change on themselves: their language, nothing else. Role, region and
      // minister decide what they may do and see; the e-mail address is where a password reset goes.
      // (An empty list would not do: Cognito reads it as "every attribute".)
      writeAttributes: new ClientAttributes().withStandardAttributes({ locale: true }),
      idTokenValidity: TOKEN_VALIDITY.idToken,
      accessTokenValidity: TOKEN_VALIDITY.accessToken,
      refreshTokenValidity: TOKEN_VALIDITY.refreshToken,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
    });

    // Reporting clients: client credentials for the reporting scope, and no way to sign in as a user
    // (every user flow off; CDK then keeps only ALLOW_REFRESH_TOKEN_AUTH, which this flow never uses).
    this.reportingClient = this.userPool.addClient('ReportingClient', {
      userPoolClientName: 'xiajiceng-reporting',
      generateSecret: true,
      authFlows: { userSrp: false, userPassword: false, adminUserPassword: false, custom: false, user: false },
      oAuth: {
        flows: { clientCredentials: true },
        scopes: [OAuthScope.resourceServer(this.resourceServer, summaryRead)],
      },
      // The only token this client gets (client credentials issue neither ID nor refresh tokens).
      accessTokenValidity: TOKEN_VALIDITY.accessToken,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
    });
  }

  /**
   * The `iss` of this pool's tokens, which the API's JWT authorizer trusts. Built from the region and
   * the partition's URL suffix, so it is resolved at deploy time and synthesis stays offline.
   */
  get issuer(): string {
    return `https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}/${this.userPool.userPoolId}`;
  }

  /** Where reporting clients get their access tokens (POST, client credentials). */
  get tokenEndpoint(): string {
    return `${this.domain.baseUrl()}/oauth2/token`;
  }

  /** The clients whose tokens the API accepts: `aud` of ID tokens, `client_id` of access tokens. */
  get audience(): string[] {
    return [this.webClient.userPoolClientId, this.reportingClient.userPoolClientId];
  }
}
