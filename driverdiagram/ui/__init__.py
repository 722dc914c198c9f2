"""The Qt user interface: windows, panels, the canvas and undo commands."""
