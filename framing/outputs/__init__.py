"""What an audit becomes for a reader: JSON, text, the HTML report and its charts, written safely."""
