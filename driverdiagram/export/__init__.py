"""Writers for what leaves the app: PDF (reportlab), outline, CSV. No Qt."""
