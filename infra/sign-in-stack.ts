import { CfnOutput, CrossStackReferences, ReferenceStrength, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { SignIn } from '#infra/sign-in.ts';

export interface SignInStackProps extends StackProps {
  /** Context `cognitoDomainPrefix`; see SignInProps.domainPrefix. */
  domainPrefix: string;
  /** Context `signInCallbackUrls`; see SignInProps.callbackUrls. */
  callbackUrls: readonly string[];
}

/**
 * The people: the Cognito user pool and its app clients, in a stack of their own. Like the table,
 * the pool outlives the stateless API stack (destroying and redeploying the API keeps every account
 * and its MFA device), and it is retained if this stack is deleted. The API stack imports the issuer
 * and the client ids (strong references: CloudFormation will not delete this stack under the API).
 */
export class SignInStack extends Stack {
  readonly signIn: SignIn;

  constructor(scope: Construct, id: string, props: SignInStackProps) {
    super(scope, id, props);
    // The web client's callback URL is the site's: strong, so the site stack cannot go while it is in use.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);
    this.signIn = new SignIn(this, 'SignIn', { domainPrefix: props.domainPrefix, callbackUrls: props.callbackUrls });

    const { signIn } = this;
    new CfnOutput(this, 'UserPoolId', { value: signIn.userPool.userPoolId, description: 'The user pool (admin-create-user --user-pool-id)' });
    new CfnOutput(this, 'WebClientId', { value: signIn.webClient.userPoolClientId, description: 'App client of the web front end (no secret; SRP or authorization code + PKCE)' });
    new CfnOutput(this, 'ReportingClientId', {
      value: signIn.reportingClient.userPoolClientId,
      description: 'App client of reporting clients (client credentials; its secret: aws cognito-idp describe-user-pool-client)',
    });
    new CfnOutput(this, 'TokenEndpoint', { value: signIn.tokenEndpoint, description: 'OAuth 2.0 token endpoint (client credentials)' });
    new CfnOutput(this, 'Issuer', { value: signIn.issuer, description: 'Issuer (iss) of the tokens the API accepts' });
  }
}
