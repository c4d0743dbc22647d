import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { type ChinaSite, StaticSite } from '#infra/site.ts';

export interface SiteStackProps extends StackProps {
  /** See StaticSiteProps.connectSources. */
  connectSources: readonly string[];
  /** See StaticSiteProps.imageSources. */
  imageSources?: readonly string[];
  /** See StaticSiteProps.china. */
  china?: ChinaSite;
}

/**
 * The web front end's bucket and CloudFront distribution, without the files (XiajicengSiteContent
 * puts them there). The sign-in stack (callback URLs) and the API stack (CORS) read its URL, so it
 * knows nothing of them: the API and the sign-in domain appear in its CSP only as origins known
 * before either exists.
 */
export class SiteStack extends Stack {
  readonly site: StaticSite;

  constructor(scope: Construct, id: string, props: SiteStackProps) {
    super(scope, id, props);
    this.site = new StaticSite(this, 'Site', { connectSources: props.connectSources, imageSources: props.imageSources, china: props.china });
    new CfnOutput(this, 'SiteUrl', { value: this.site.url, description: 'The web front end (forms and dashboard)' });
  }
}
