export { type BuiltUrl, buildUrl } from './build-url.ts';
export {
  checkEndpointTemplates,
  type TemplateCheckedEndpoint,
  type TemplateIssue,
} from './check-endpoint-templates.ts';
export { findPlaceholders, soleVariable, splitTemplate, type TemplatePart } from './find-placeholders.ts';
export { type InterpolatedText, interpolateText } from './interpolate-text.ts';
export { type ParsedBodyTemplate, parseBodyTemplate } from './parse-body-template.ts';
export { type RenderedBody, renderBody } from './render-body.ts';
export { type RenderedHeaders, renderHeaders } from './render-headers.ts';
export { type RenderedPath, renderPath } from './render-path.ts';
export { type RenderedQuery, renderQuery } from './render-query.ts';
export {
  type RenderableEndpoint,
  type RenderedRequest,
  type RenderRequestInput,
  type RenderRequestResult,
  renderRequest,
} from './render-request.ts';
export type { RenderError, VariableScope } from './variable-text.ts';
