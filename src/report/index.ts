/**
 * Report renderers (strings from a `Report`) and the artifact writer, the only file-system code
 * of this layer. Table of contents: other folders import only this file.
 */
export { renderText } from './text.js';
export type { TextOptions } from './text.js';
export { renderJson } from './json.js';
export { ALL_TARGETS, renderJunit } from './junit.js';
export { renderGithubCheckText } from './github-text.js';
export type { GithubTextOptions } from './github-text.js';
export { batchAnnotations, renderGithubAnnotations } from './github-annotations.js';
export type { GithubAnnotation, GithubAnnotationOptions } from './github-annotations.js';
export { renderErrorSummary, renderTreeherderLines } from './treeherder.js';
export { standardArtifacts } from './artifacts.js';
export { buildDownloadPlan, renderDownloadPlan, renderDownloadPlanScript } from './download-plan.js';
export type { DownloadPlan, PlannedFile, PlannedMirror } from './download-plan.js';
export type { StandardArtifactOptions } from './artifacts.js';
export { ArtifactPathError, writeArtifacts, writeRequirementFiles } from './writer.js';
export type { WrittenArtifacts } from './writer.js';
export { abbreviateTargets, buildMatrices } from './matrix.js';
export type { Matrix, MatrixRow } from './matrix.js';
export { bytePrefix } from './common.js';
export { renderHtml } from './html.js';
export type { HtmlOptions } from './html.js';
export type { HtmlSource } from './html-escape.js';
export type { HtmlBrief, HtmlTask } from './html-extras.js';
export { applyPlan, fixArtifacts, renderFixJson, renderFixMarkdown, renderFixPatch, renderFixSummary } from './fix.js';
export type { FixOutcome, FixVerification } from './fix.js';
