import { CfnOutput, CrossStackReferences, ReferenceStrength, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { type IndexDefinition, TABLE_DEFINITION } from '#functions/table.ts';
import { Evidence } from '#infra/evidence.ts';

const stringKey = (name: string) => ({ name, type: AttributeType.STRING });

/**
 * The stateful stack: the one table, built from TABLE_DEFINITION only (keys, indexes, TTL) and
 * guarded against loss, and the evidence bucket (retained too) with the function that verifies what
 * is uploaded to it (S3's notification must name a function of the bucket's own stack). It is never
 * replaced by a deploy of the API.
 */
export interface StorageStackProps extends StackProps {
  /** The evidence bucket's name (see evidenceBucketName in infra/evidence.ts). */
  evidenceBucketName: string;
  /**
   * How many of TABLE_DEFINITION's indexes to build, in their declared order (default: all).
   * CloudFormation adds one GSI per update of a table that exists, so a table deployed before the
   * later indexes reaches them one deploy at a time (docs/deploy.md).
   */
  indexCount?: number;
}

export class StorageStack extends Stack {
  readonly table: Table;
  /** The evidence bucket (retained, like the table) and the function S3 invokes for each upload. */
  readonly evidence: Evidence;

  constructor(scope: Construct, id: string, props: StorageStackProps) {
    super(scope, id, props);
    // The evidence bucket's CORS names the site's origin: a strong reference (Export/ImportValue), as the API's.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);

    this.table = new Table(this, 'Table', {
      partitionKey: stringKey(TABLE_DEFINITION.partitionKey),
      sortKey: stringKey(TABLE_DEFINITION.sortKey),
      timeToLiveAttribute: TABLE_DEFINITION.timeToLiveAttribute,
      stream: StreamViewType[TABLE_DEFINITION.stream],
      // Traffic is a few thousand small writes on busy days and near nothing otherwise.
      billingMode: BillingMode.PAY_PER_REQUEST,
      // 35 days of per-second restore points: a bad deploy or a wrong bulk correction can be undone.
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // AWS-managed key (aws/dynamodb): every use is in CloudTrail, and no key policy of ours can lock
      // the functions out. A customer-managed key adds cost and policy upkeep for no control we need yet.
      encryption: TableEncryption.AWS_MANAGED,
      // The campaign's records outlive any stack: deleting the stack leaves the table in place.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const indexes: readonly IndexDefinition[] = TABLE_DEFINITION.indexes;
    for (const index of indexes.slice(0, props.indexCount ?? indexes.length)) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
        // Whole records, so a query answers without a second read per item; the sparse lists hold keys
        // alone, so that counting them reads ~100 bytes a record (their pages read records by key).
        projectionType: index.projection === 'KEYS_ONLY' ? ProjectionType.KEYS_ONLY : ProjectionType.ALL,
      });
    }

    this.evidence = new Evidence(this, 'Evidence', { table: this.table, bucketName: props.evidenceBucketName });

    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'The DynamoDB table of records, change entries and snapshots' });
    new CfnOutput(this, 'EvidenceBucketName', { value: this.evidence.bucket.bucketName, description: 'The bucket of evidence (photos and PDFs), private: reached through presigned URLs' });
  }
}
