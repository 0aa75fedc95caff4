import { z } from 'zod';
import { pageQuery } from '../http/page-query.ts';

export const idParams = z.object({ id: z.string().min(1).max(100) });

export const connectionsPageQuery = pageQuery(50, 200);
