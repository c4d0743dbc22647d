import { inspectionForm } from './inspection.ts';
import { mechanismForm } from './mechanism.ts';
import { modelForm } from './model.ts';
import { problemForm } from './problem.ts';
import { reportForm } from './report.ts';
import { trainingForm } from './training.ts';
import { visitForm } from './visit.ts';
import type { Form } from './form.ts';

/** Every kind of record the campaign reports, in the order people meet them. */
export const FORMS: readonly Form[] = [visitForm, problemForm, reportForm, trainingForm, mechanismForm, modelForm, inspectionForm];
