"""Excel on every list: a list declares its export once (`lists.ListExport`), and one helper
(`lists.export_response`) serves it at once or, for a large list, as a background job whose
file only the person who asked for it can download."""
