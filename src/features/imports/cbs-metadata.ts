import { z } from 'zod';
import { ImportValidationError } from '../../shared/errors.ts';

/**
 * CBS variable keys carry a per-edition suffix (`AantalInwoners_5` in 85984NED, another number
 * next year). We store and match on the stem, which is stable across editions.
 */
export function variableStem(key: string): string {
  return key.trim().replace(/_\d+$/, '');
}

const topicSchema = z.object({
  Key: z.string(),
  Title: z.string(),
  Type: z.string(),
  Unit: z.string().nullish(),
  Description: z.string().nullish(),
  Decimals: z.number().nullish(),
  Datatype: z.string().nullish(),
});

export interface DataProperty {
  key: string;
  stem: string;
  title: string;
  unit: string | null;
  description: string | null;
  decimals: number | null;
  /** 'Topic' for measures, 'GeoDetail'/'Dimension'/... for dimensions. */
  type: string;
  datatype: string | null;
}

/** Reads a CBS OData `DataProperties` document (a bare array or `{ value: [...] }`). */
export function parseDataProperties(bytes: Buffer, fileName: string): DataProperty[] {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ImportValidationError([
      { file: fileName, message: `geen geldige JSON (${(error as Error).message})` },
    ]);
  }
  const list = Array.isArray(json) ? json : (json as { value?: unknown })?.value;
  if (!Array.isArray(list)) {
    throw new ImportValidationError([
      {
        file: fileName,
        message: 'verwacht een lijst met DataProperties (of een object met "value")',
      },
    ]);
  }
  const out: DataProperty[] = [];
  list.forEach((item, index) => {
    const parsed = topicSchema.safeParse(item);
    if (!parsed.success) {
      throw new ImportValidationError([
        {
          file: fileName,
          field: `[${index}].${parsed.error.issues[0]?.path.join('.') ?? ''}`,
          message: `onverwachte DataProperty: ${parsed.error.issues[0]?.message ?? ''}`,
        },
      ]);
    }
    const p = parsed.data;
    if (p.Key === '') return; // TopicGroups only structure the table
    out.push({
      key: p.Key,
      stem: variableStem(p.Key),
      title: p.Title.trim(),
      unit: p.Unit ?? null,
      description: p.Description ?? null,
      decimals: p.Decimals ?? null,
      type: p.Type,
      datatype: p.Datatype ?? null,
    });
  });
  return out;
}
