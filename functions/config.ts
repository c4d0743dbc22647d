import * as z from 'zod';

/**
 * The only reader of `process.env`. Each part of the system asks for the slice it needs; a slice
 * is validated once, on first use, and a missing or malformed value fails the cold start loudly.
 */
const tableEnv = z.object({
  TABLE_NAME: z.string().min(3),
  /** Set locally to DynamoDB Local's URL; unset on AWS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().default('cn-northwest-1'),
});

const localEnv = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('.local'),
  /** The table's name locally; on AWS the stack names it. */
  LOCAL_TABLE_NAME: z.string().min(3).default('xiajiceng-local'),
});

export type TableConfig = z.infer<typeof tableEnv>;
export type LocalConfig = z.infer<typeof localEnv>;

function load<T extends z.ZodType>(schema: T, what: string): z.infer<T> {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid ${what} configuration: ${fields}`);
  }
  return parsed.data;
}

let table: TableConfig | undefined;
export const tableConfig = (): TableConfig => (table ??= load(tableEnv, 'table'));

export const localConfig = (): LocalConfig => load(localEnv, 'local');

/** The variable names the deployed functions need, spelled once for CDK and the local server. */
export const ENV = { tableName: 'TABLE_NAME', dynamodbEndpoint: 'DYNAMODB_ENDPOINT' } as const;
