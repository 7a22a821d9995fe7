"""Reading what people write: YAML with line numbers kept and bounded, values and units as labs write them."""
