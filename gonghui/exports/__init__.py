"""Excel on every list: a list declares its export once (`lists.ListExport`), and one helper
(`http.export_response`, routed by `http.export_view`) serves it at once or, for a large list, as a background job whose
file only the person who asked for it can download."""
