/**
 * 打印 / 保存为 PDF: the browser's own print dialog, where "save as PDF" is one of the printers.
 * The print styles (desk.css, `@media print`) lay the document out on A4 without the navigation
 * and the buttons.
 */
export const PrintButton = () => <button type="button" class="primary" data-print onClick={() => window.print()}>打印 / 保存为 PDF</button>;
